import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Log } from '../log';
import type { ProviderService } from '../provider/provider-service';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { describeCost, formatUsd, needsCostConfirmation } from './cost-text';
import type { GenerationService, Job } from './generation-service';
import { fingerprintOf, isRefusal, prepareShot, type PreparedShot, type Refusal } from './preflight';
import type { Prompts } from './prompts';
import type { DuplicateGuard } from './request-fingerprint';
import { explainUntrusted, isTrusted } from './trust';
import { checkSpend, explainBudgetRefusal } from '../spend/budget-gate';
import type { SpendService } from '../spend/spend-service';
import { notificationText } from '../notification-text';

export interface GenerateDeps {
  analyses: ShotAnalysisService;
  service: GenerationService;
  provider: ProviderService;
  keys: ApiKeyStore;
  guard: DuplicateGuard;
  /** Budgets and the running totals in the cost confirmation. */
  spend?: SpendService;
  prompts: () => Prompts;
  log: Log;
  showProgress: (job: Job, shotName: string) => void;
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
export const MAX_TAKES = 4;

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
    const p = await prepareShot(uri, deps.analyses);
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
      await deps.provider.useSimulator();
    } else if (choice === 'set-key') {
      const stored = await vscode.commands.executeCommand<boolean>('klingStudio.setApiKey');
      if (!stored) {
        return { jobs: [], refused, declined: 'key' };
      }
    } else {
      return { jobs: [], refused, declined: 'key' };
    }
  }

  const simulated = deps.provider.kind === 'simulator';
  if (!simulated) {
    const threshold = vscode.workspace.getConfiguration('klingStudio').get<number>('confirmCostAbove') ?? 2;
    const unknown = prepared.some(p => p.cost === undefined);
    // One question for everything this Generate starts: every shot times the takes of each.
    const total = takes * prepared.reduce((sum, p) => sum + (p.cost?.usd ?? 0), 0);
    // The whole batch against the budgets, before anything is uploaded or submitted.
    const spend =
      deps.spend &&
      (await checkSpend(
        deps.spend,
        prepared.map(p => ({ uri: p.shotUri, usd: p.cost?.usd })),
        takes,
      ));
    if (spend?.refusal) {
      deps.log.warn(`generate refused: ${spend.refusal.message}`);
      explainBudgetRefusal(spend.refusal);
      return { jobs: [], refused, declined: 'budget' };
    }
    if (needsCostConfirmation(unknown ? undefined : total, threshold)) {
      const what =
        prepared.length === 1
          ? takes === 1
            ? prepared[0]!.shotName
            : vscode.l10n.t('{0} takes of {1}', takes, prepared[0]!.shotName)
          : takes === 1
            ? vscode.l10n.t('{0} shots', prepared.length)
            : vscode.l10n.t('{0} shots ({1} takes each)', prepared.length, takes);
      const summary =
        prepared.length === 1
          ? unknown
            ? vscode.l10n.t('Generate {0} for an unknown cost?', what)
            : vscode.l10n.t('Generate {0} for about {1}?', what, formatUsd(total))
          : unknown
            ? vscode.l10n.t('Generate {0} for at least {1}?', what, formatUsd(total))
            : vscode.l10n.t('Generate {0} for about {1}?', what, formatUsd(total));
      const detail = [
        ...prepared.map(p => {
          const cost = describeCost(
            { usd: p.cost?.usd, ...(p.cost && { seconds: p.cost.seconds, perSecond: p.cost.perSecond, audio: p.cost.audio }) },
            false,
          );
          return takes === 1 ? vscode.l10n.t('{0}: {1}', p.shotName, cost) : vscode.l10n.t('{0}: {1} × {2}', p.shotName, takes, cost);
        }),
        '',
        ...(spend?.lines ?? []),
        unknown
          ? vscode.l10n.t('The price of at least one shot cannot be estimated.')
          : vscode.l10n.t(
              "You are asked because this is above {0} (setting klingStudio.confirmCostAbove). Estimates use fal's published per-second prices (or your klingStudio.prices setting).",
              formatUsd(threshold),
            ),
      ].join('\n');
      if (!(await deps.prompts().confirmCost(summary, detail))) {
        deps.log.info('generate declined at the cost confirmation');
        return { jobs: [], refused, declined: 'cost' };
      }
    }
  }

  const toStart: { p: PreparedShot; fingerprint: string }[] = [];
  for (const p of prepared) {
    const fingerprint = await fingerprintOf(p);
    // Checked and recorded with no await in between, so a second Generate started meanwhile (a
    // double click) sees this one.
    const age = deps.guard.ageOf(fingerprint);
    if (age !== undefined && !(await deps.prompts().confirmDuplicate(p.shotName, age))) {
      deps.log.info(`generate of ${p.shotName} declined: identical request ${Math.round(age / 1000)} s ago`);
      continue;
    }
    deps.guard.record(fingerprint);
    toStart.push({ p, fingerprint });
  }
  if (!toStart.length) {
    return { jobs: [], refused, declined: 'duplicate' };
  }

  const jobs: Job[] = [];
  for (const { p, fingerprint } of toStart.flatMap(s => Array.from({ length: takes }, () => s))) {
    try {
      const job = await deps.service.start({
        shotUri: p.shotUri,
        endpointId: p.endpointId,
        body: p.body,
        outputDir: p.outputDir,
        requestKey: fingerprint,
        localMedia: p.localMedia.map(m => ({ path: m.ref.path, file: m.realPath })),
        mediaRoots: p.mediaRoots,
        ...(p.cost && !simulated && { costEstimateUsd: p.cost.usd, pricePerSecondUsd: p.cost.perSecond }),
      });
      forgetIfNothingWasSent(job, fingerprint, deps.guard);
      deps.showProgress(job, p.shotName);
      jobs.push(job);
    } catch (e) {
      deps.guard.forget(fingerprint);
      deps.log.error(`could not start ${p.shotName}: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(
        notificationText(vscode.l10n.t('Kling: could not start {0}: {1}', p.shotName, e instanceof Error ? e.message : String(e))),
      );
    }
  }
  return { jobs, refused };
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
