import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Log } from '../log';
import type { ProviderService } from '../provider/provider-service';
import { useSimulatorIn } from '../provider/simulator-choice';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { describeCost, formatUsd, needsCostConfirmation } from '../common/cost-text';
import type { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import { isRefusal, prepareShot, type PreparedShot, type Refusal } from './preflight';
import { makeVoicesFirst } from './cast-voices';
import type { Prompts } from '../common/prompts';
import type { DuplicateGuard } from './request-fingerprint';
import { explainUntrusted, isTrusted } from '../common/trust';
import { abandonPlan, MAX_TAKES, planTakes, type BudgetScope, type PlanOptions, type TakeWork } from '../../takes';
import { asError, priceSourceText, type BudgetRefusal, type Ledger } from '../../core';
import { notificationText } from '../../core/ui-text';
import { readRootsFor } from '../common/take-index';
import { getSetting } from '../settings/settings';

export interface GenerateDeps {
  analyses: ShotAnalysisService;
  service: GenerationService;
  provider: ProviderService;
  keys: ApiKeyStore;
  guard: DuplicateGuard;
  /** Budgets and the running totals in the cost confirmation. */
  budget: GenerateBudget;
  prompts: () => Prompts;
  log: Log;
  showProgress: (job: Job, shotName: string) => void;
}

/** What Generate asks of the spend feature (src/extension/spend), wired in at the composition root. */
export interface GenerateBudget {
  /** Today's and the workspace's totals, summed afresh. */
  totals(): Promise<Ledger>;
  /** The cost confirmation's lines: where this submit takes those totals (undefined: not priced). */
  confirmationLines(totals: Ledger, requestUsd: number | undefined): string[];
  /** The budgets of these shots for the take session's reservation (one scope per workspace folder). */
  scopes(shots: readonly { uri: vscode.Uri; outputDir: string }[]): { scopes: BudgetScope[]; scopesOf(shotFile: string): number[] };
  /** Tells the user why the reservation was refused. */
  explainRefusal(r: BudgetRefusal & { folder?: string | undefined }): void;
}

export interface GenerateOutcome {
  jobs: Job[];
  refused: Refusal[];
  declined?: 'trust' | 'key' | 'cost' | 'duplicate' | 'budget';
}

/**
 * Generate for one shot file or an Explorer multi-selection: refuse files with errors, make sure
 * there is a key (or the simulator), confirm the spend above the threshold and identical recent
 * requests, then start one job per file.
 */
/** Takes of one shot in one go: variations (Kling has no seed, so each take is its own job). */
export { MAX_TAKES };

export async function generateShots(
  uris: readonly vscode.Uri[],
  deps: GenerateDeps,
  opts: { takes?: number } = {},
): Promise<GenerateOutcome> {
  const takes = Math.max(1, Math.min(MAX_TAKES, Math.floor(opts.takes ?? 1)));
  if (!isTrusted()) {
    deps.log.warn('generate refused: the workspace is not trusted');
    void explainUntrusted();
    return { jobs: [], refused: [], declined: 'trust' };
  }
  const prepared: PreparedShot[] = [];
  const refused: Refusal[] = [];
  for (const uri of dedupe(uris)) {
    const p = await prepareShot(uri, deps.analyses, deps.provider.kind);
    if (isRefusal(p)) {
      refused.push(p);
    } else {
      prepared.push(p);
    }
  }
  if (refused.length) {
    for (const r of refused) {
      deps.log.warn(`generate refused: ${r.refused}`);
    }
    const problems = vscode.l10n.t('Show Problems');
    void vscode.window
      .showErrorMessage(notificationText(vscode.l10n.t('Kling: not generated — {0}', refused.map(r => r.refused).join(' | '))), problems)
      .then(pick => {
        if (pick === problems) {
          void vscode.commands.executeCommand('workbench.actions.view.problems');
        }
      });
  }
  if (!prepared.length) {
    return { jobs: [], refused };
  }

  if (!(await deps.provider.hasKey())) {
    const choice = await deps.prompts().noKey();
    if (choice === 'simulator') {
      // As the command does: ask where to keep the choice (with a folder), then say what changed.
      const target = vscode.workspace.workspaceFolders?.length ? await deps.prompts().simulatorTarget() : vscode.ConfigurationTarget.Global;
      if (target === undefined || !(await useSimulatorIn(deps.provider, target))) {
        return { jobs: [], refused, declined: 'key' };
      }
    } else if (choice === 'set-key') {
      const stored = await vscode.commands.executeCommand<boolean>('klingStudio.setApiKey');
      if (!stored) {
        return { jobs: [], refused, declined: 'key' };
      }
    } else {
      return { jobs: [], refused, declined: 'key' };
    }
  }

  // The no-key answer may have switched to the simulator: its takes are priced (free) anew.
  if (deps.provider.kind === 'simulator' && prepared.some(p => !p.take.price.simulated)) {
    const again: PreparedShot[] = [];
    for (const p of prepared) {
      const q = await prepareShot(p.shotUri, deps.analyses, 'simulator');
      if (!isRefusal(q)) {
        again.push(q);
      }
    }
    prepared.splice(0, prepared.length, ...again);
  }
  const simulated = deps.provider.kind === 'simulator';

  // A cast member's voice not made yet: made first, then the shots are prepared again to bind it.
  if (prepared.some(p => p.take.voicesNeeded.length)) {
    if (
      !(await makeVoicesFirst(
        prepared.map(p => p.take),
        deps,
        followOn,
      ))
    )
      return { jobs: [], refused };
    const again: PreparedShot[] = [];
    for (const p of prepared) {
      const q = await prepareShot(p.shotUri, deps.analyses, deps.provider.kind);
      if (isRefusal(q)) refused.push(q);
      else again.push(q);
    }
    prepared.splice(0, prepared.length, ...again);
  }

  // An identical request moments ago in this window: asked, and a yes is a deliberate fresh take.
  const fresh = new Set<PreparedShot>();
  const toStart: PreparedShot[] = [];
  for (const p of prepared) {
    const fingerprint = p.take.requestKey;
    // Checked and recorded with no await in between, so a second Generate started meanwhile (a
    // double click) sees this one.
    const age = deps.guard.ageOf(fingerprint);
    if (age !== undefined) {
      if (!(await deps.prompts().confirmDuplicate(p.shotName, age))) {
        deps.log.info(`generate of ${p.shotName} declined: identical request ${Math.round(age / 1000)} s ago`);
        continue;
      }
      fresh.add(p);
    }
    deps.guard.record(fingerprint);
    toStart.push(p);
  }
  if (!toStart.length) {
    return { jobs: [], refused, declined: 'duplicate' };
  }
  const forget = () => toStart.forEach(p => deps.guard.forget(p.take.requestKey));

  // Claim decision, names and the reservation against every budget (all of it, up front), by the
  // take session, before the cost question: what is confirmed is what is held.
  const conn = await deps.provider.connection();
  const ledger = simulated ? undefined : await deps.budget.totals();
  const budgets = deps.budget.scopes(toStart.map(p => ({ uri: p.shotUri, outputDir: p.outputDir })));
  const byTake = new Map(toStart.map(p => [p.take, p]));
  const plan = await planTakes(
    toStart.map(p => p.take),
    {
      takes,
      fresh: shot => fresh.has(byTake.get(shot)!),
      provider: conn.kind,
      scopes: simulated ? [] : budgets.scopes,
      scopesOf: shot => (simulated ? [] : budgets.scopesOf(shot.shotFile)),
      canFollow: followOn(conn.queueUrl),
      note: (shot, m) => deps.log.info(`${byTake.get(shot)?.shotName ?? shot.shotFile}: ${m}`),
      recordRootsOf: shot => readRootsFor(shot.shotFile),
    },
  ).catch(asError);
  if (plan instanceof Error) {
    forget();
    deps.log.error(`generate failed before anything was sent: ${plan.message}`);
    void vscode.window.showErrorMessage(
      notificationText(vscode.l10n.t('Kling: not generated, nothing was uploaded or submitted — {0}', plan.message)),
    );
    return { jobs: [], refused };
  }
  if (!plan.ok) {
    forget();
    deps.log.warn(`generate refused: ${plan.refusal.message}`);
    deps.budget.explainRefusal({ ...plan.refusal, folder: plan.refusal.scope.name });
    return { jobs: [], refused, declined: 'budget' };
  }
  const newTakes = plan.work.filter(w => w.kind === 'new');
  if (!simulated && newTakes.length) {
    const threshold = getSetting('confirmCostAbove');
    const unknown = newTakes.some(w => w.shot.price.usd === undefined);
    const total = newTakes.reduce((sum, w) => sum + (w.shot.price.usd ?? 0), 0);
    if (needsCostConfirmation(unknown ? undefined : total, threshold)) {
      const what =
        toStart.length === 1
          ? takes === 1
            ? toStart[0]!.shotName
            : vscode.l10n.t('{0} takes of {1}', takes, toStart[0]!.shotName)
          : takes === 1
            ? vscode.l10n.t('{0} shots', toStart.length)
            : vscode.l10n.t('{0} shots ({1} takes each)', toStart.length, takes);
      const summary =
        toStart.length === 1
          ? unknown
            ? vscode.l10n.t('Generate {0} for an unknown cost?', what)
            : vscode.l10n.t('Generate {0} for about {1}?', what, formatUsd(total))
          : unknown
            ? vscode.l10n.t('Generate {0} for at least {1}?', what, formatUsd(total))
            : vscode.l10n.t('Generate {0} for about {1}?', what, formatUsd(total));
      const detail = [
        ...toStart.map(p => {
          const cost = describeCost(
            { usd: p.cost?.usd, ...(p.cost && { seconds: p.cost.seconds, perSecond: p.cost.perSecond, audio: p.cost.audio }) },
            false,
          );
          // Each line names where its price comes from: live (fal, read <date>), built-in (<date>) or the setting.
          const priced = p.cost ? vscode.l10n.t('{0} · prices: {1}', cost, priceSourceText(p.cost.source)) : cost;
          return takes === 1 ? vscode.l10n.t('{0}: {1}', p.shotName, priced) : vscode.l10n.t('{0}: {1} × {2}', p.shotName, takes, priced);
        }),
        '',
        ...(ledger ? deps.budget.confirmationLines(ledger, unknown ? undefined : total) : []),
        unknown
          ? vscode.l10n.t('The price of at least one shot cannot be estimated.')
          : vscode.l10n.t(
              "You are asked because this is above {0} (setting klingStudio.confirmCostAbove). Estimates use fal's published per-second prices (or your klingStudio.prices setting).",
              formatUsd(threshold),
            ),
      ].join('\n');
      if (!(await deps.prompts().confirmCost(summary, detail))) {
        await abandonPlan(plan.work);
        forget();
        deps.log.info('generate declined at the cost confirmation');
        return { jobs: [], refused, declined: 'cost' };
      }
    }
  }

  const jobs: Job[] = [];
  for (const w of plan.work) {
    const p = w.shot ? byTake.get(w.shot) : undefined;
    const name = p?.shotName ?? w.recordPath ?? '';
    if (w.kind === 'outcome') {
      showOutcome(name, w, deps.log);
      continue;
    }
    const job = deps.service.run(w, p?.shotUri ?? vscode.Uri.file(w.record.shotFile ?? w.recordPath), conn);
    if (p) {
      forgetIfNothingWasSent(job, p.take.requestKey, deps.guard);
    }
    deps.showProgress(job, name);
    jobs.push(job);
  }
  return { jobs, refused };
}

/** A take the session did not run: refused (it may have been paid), or finished by another process. */
function showOutcome(name: string, w: Extract<TakeWork, { kind: 'outcome' }>, log: Log): void {
  log.info(`generate of ${name}: ${w.status}: ${w.detail}`);
  const text = notificationText(vscode.l10n.t('Kling: {0} — {1}', name, w.detail));
  void (w.ok ? vscode.window.showInformationMessage(text) : vscode.window.showWarningMessage(text));
}

/** Generate follows a take only on the queue it is connected to. */
const followOn =
  (queueUrl: string): PlanOptions['canFollow'] =>
  rec =>
    sameOrigin(rec.statusUrl, queueUrl) ? true : vscode.l10n.t('it ran on another queue');

function sameOrigin(a: string | undefined, b: string): boolean {
  try {
    return a !== undefined && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** A submit that never reached fal is no duplicate of a later one. */
function forgetIfNothingWasSent(job: Job, fingerprint: string, guard: DuplicateGuard): void {
  void job.done.then(rec => {
    if (!rec?.requestId && rec?.status !== 'unknown') {
      guard.forget(fingerprint);
    }
  });
}

function dedupe(uris: readonly vscode.Uri[]): vscode.Uri[] {
  const seen = new Set<string>();
  return uris.filter(u => {
    const k = u.toString();
    if (seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
}
