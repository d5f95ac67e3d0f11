// The voices a `kling generate` run needs before its shots: one create-voice take per distinct
// sample, through the same plan, reservation, journal and runner as the shots (and the same
// budgets). A voice another run is making is waited for, not paid again (the claim policy).
import * as path from 'node:path';
import { asError } from '../core';
import {
  knownVoice,
  planTakes,
  prepareVoice,
  voiceFailure,
  voicesNeeded,
  type BudgetScope,
  type PreparedShot,
  type Provider,
} from '../takes';
import type { PriceTable } from '../core';
import type { Connection } from './connection';
import { runPlanOptions } from './generate';
import { EXIT_OVER_BUDGET, refusalText } from './spend-budget';
import { runTakes } from './take-runner';

export interface VoiceRunOptions {
  provider: Provider;
  prices: PriceTable;
  conn: Connection;
  concurrency: number;
  /** The budget scopes the voices reserve against, given the voice takes about to be planned (a face's own: the run's budgets, an agent's cap). */
  scopesFor: (voices: readonly PreparedShot[]) => Promise<BudgetScope[]>;
  signal: AbortSignal;
  err: (s: string) => void;
  /** A line of progress (stdout for `kling generate`; never stdout for `kling mcp`, whose protocol it carries). */
  say: (s: string) => void;
}

/** Makes the voices `shots` still need; undefined when every one is made, else the exit code. */
export async function makeVoices(shots: readonly PreparedShot[], o: VoiceRunOptions): Promise<number | undefined> {
  const needs = voicesNeeded(shots);
  const rootsOf = (key: string) => shots.find(s => s.voicesNeeded.some(n => n.key === key))?.roots ?? [];
  const prepared: PreparedShot[] = [];
  let failed = false;
  for (const need of needs) {
    const p = await prepareVoice(need, { roots: rootsOf(need.key), provider: o.provider, prices: o.prices });
    if (p.ok) {
      prepared.push(p.shot);
      continue;
    }
    failed = true;
    for (const d of p.errors) o.err(voiceFailure(need, `${d.code} ${d.message}`));
    for (const problem of p.problems) o.err(voiceFailure(need, problem));
  }
  if (failed) {
    o.err('refusing to generate: a voice cannot be made; nothing was uploaded or submitted');
    return 1;
  }
  const scopes = await o.scopesFor(prepared);
  const plan = await planTakes(prepared, {
    takes: 1,
    fresh: false,
    provider: o.provider,
    scopes,
    scopesOf: () => (scopes.length ? [0] : []),
    ...runPlanOptions({
      queueUrl: o.conn.queueUrl,
      out: undefined,
      note: (shot, m) => o.err(`${path.relative(process.cwd(), shot.shotFile) || shot.shotFile}: ${m}`),
    }),
    signal: o.signal,
  }).catch(asError);
  if (plan instanceof Error) {
    o.err(`voices not made, nothing uploaded or submitted: ${plan.message}`);
    return 1;
  }
  if (!plan.ok) {
    o.err(`refused, nothing uploaded or submitted: ${refusalText(plan.refusal)}`);
    return EXIT_OVER_BUDGET;
  }
  o.say(`making ${needs.length} voice${needs.length === 1 ? '' : 's'} first (create-voice)`);
  const r = await runTakes(plan.work, o.conn.client, { concurrency: o.concurrency, err: o.err });
  if (r.interrupted) return 130;
  let missing = 0;
  for (const need of needs) {
    // A done take's voice is read from its record and remembered beside the cast.
    if ((await knownVoice(need, rootsOf(need.key), true)) === undefined) {
      o.err(voiceFailure(need, 'its create-voice take did not finish'));
      missing++;
    }
  }
  return missing ? 1 : undefined;
}
