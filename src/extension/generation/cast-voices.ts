import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { asError } from '../../core';
import { notificationText } from '../../core/ui-text';
import {
  knownVoice,
  planTakes,
  prepareVoice,
  voiceFailure,
  voicesNeeded,
  type PlanOptions,
  type PreparedShot as TakeShot,
  type VoiceNeed,
} from '../../takes';
import { configuredPrices } from '../common/prices';
import { readRootsFor, workspaceRoots } from '../common/take-index';
import type { GenerateDeps } from './generate-command';

/**
 * The voices these shots still need, made first: one create-voice take per distinct sample,
 * prepared, planned (claim decision, reservation against the budgets) and run by the take session
 * like any take, shown like any job, its record beside the cast. True when every voice is known
 * afterwards (remembered beside its cast file), so the shots can be prepared again and bind them.
 */
export async function makeVoicesFirst(
  shots: readonly TakeShot[],
  deps: GenerateDeps,
  /** Generate's own rule: a take is followed only on this connection's queue. */
  canFollow: (queueUrl: string) => PlanOptions['canFollow'],
): Promise<boolean> {
  const needs = voicesNeeded(shots);
  const folders = workspaceRoots();
  const rootsOf = (n: VoiceNeed) => (folders.length ? folders : [dirname(n.member.file)]);
  const conn = await deps.provider.connection();
  const failures: string[] = [];
  const prepared: TakeShot[] = [];
  for (const need of needs) {
    const p = await prepareVoice(need, {
      roots: rootsOf(need),
      rootsText: vscode.l10n.t('the workspace'),
      provider: conn.kind,
      prices: configuredPrices(),
    });
    if (p.ok) prepared.push(p.shot);
    else failures.push(voiceFailure(need, [...p.errors.map(d => d.message), ...p.problems].join(' ')));
  }
  if (!failures.length) {
    const simulated = conn.kind === 'simulator';
    const budgets = deps.budget.scopes(prepared.map(s => ({ uri: vscode.Uri.file(s.shotFile), outputDir: s.outputDir })));
    const plan = await planTakes(prepared, {
      takes: 1,
      fresh: false,
      provider: conn.kind,
      scopes: simulated ? [] : budgets.scopes,
      scopesOf: shot => (simulated ? [] : budgets.scopesOf(shot.shotFile)),
      canFollow: canFollow(conn.queueUrl),
      note: (shot, m) => deps.log.info(`${shot.shotFile}: ${m}`),
      recordRootsOf: shot => readRootsFor(shot.shotFile),
    }).catch(asError);
    if (plan instanceof Error) failures.push(plan.message);
    else if (!plan.ok) {
      deps.budget.explainRefusal({ ...plan.refusal, folder: plan.refusal.scope.name });
      return false;
    } else {
      const running = plan.work.flatMap(w => {
        if (w.kind === 'outcome') return [];
        const job = deps.service.run(w, vscode.Uri.file(w.shot?.shotFile ?? w.recordPath), conn);
        deps.showProgress(job, vscode.l10n.t('voice for {0}', needs.map(n => n.member.name).join(', ')));
        return [job.done];
      });
      await Promise.all(running);
      for (const need of needs) {
        if ((await knownVoice(need, rootsOf(need), true).catch(() => undefined)) === undefined)
          failures.push(voiceFailure(need, vscode.l10n.t('its create-voice take did not finish')));
      }
    }
  }
  if (failures.length) {
    deps.log.warn(`generate refused: ${failures.join(' | ')}`);
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: not generated — {0}', failures.join(' | '))));
  }
  return failures.length === 0;
}
