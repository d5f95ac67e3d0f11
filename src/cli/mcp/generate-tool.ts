// generate_shot: `kling generate` of one shot for an agent. The shot is prepared and planned by the
// take session exactly as the CLI does it; the cap is one more budget scope of the same
// reservation, so concurrent calls (and other processes) can never spend past it together. Each
// take runs through its journal; the client's progress goes to the agent as MCP progress
// notifications. A cancelled call stops following its takes without cancelling them at fal: a
// submitted take stays resumable (`kling resume`), one not yet submitted is released.
import { DEFAULT_PRICES, isSequenceFile, takeCostUsd, type AgentInput, type AgentOutput } from '../../core';
import type { Progress } from '../../client';
import { clipPathForRecord, planTakes, runTake, voicesNeeded, type PreparedShot, type TakeWork } from '../../takes';
import { makeVoices } from '../cast-voices';
import { errorText } from '../../core/error-text';
import { prepareFile, runPlanOptions } from '../generate';
import { detailOf } from '../progress-view';
import { ToolError, type McpSession } from './session';

export interface ProgressSink {
  signal: AbortSignal;
  /** One step of the call; said to the agent when it asked for progress. */
  progress(message: string): void;
}

export async function generateShot(
  s: McpSession,
  input: AgentInput<'generate_shot'>,
  sink: ProgressSink,
): Promise<AgentOutput<'generate_shot'>> {
  const file = await s.existing(input.path, 'shot file');
  if (isSequenceFile(file)) throw new ToolError(`${input.path} is a sequence file: generate each of its shots`);
  const prepare = async (): Promise<PreparedShot> => {
    const p = await prepareFile(file, s.shown(file), { out: undefined, roots: [s.root], provider: s.provider, cache: s.cache });
    if (!p.shot) throw new ToolError(`not generated, nothing was sent: fix these first\n${p.errors.join('\n')}`);
    return p.shot;
  };
  let shot = await prepare();
  let scopes = await s.scopesFor(shot);
  const conn = await s.connection();
  if (voicesNeeded([shot]).length) {
    // The cast's voices first, under the same cap and through the same take session as the CLI's.
    const lines: string[] = [];
    const made = await makeVoices([shot], {
      provider: s.provider,
      // The server prices with the built-in table, as its shots are (it reads no Platform API).
      prices: DEFAULT_PRICES,
      conn,
      concurrency: 2,
      scopesFor: async () => scopes,
      signal: sink.signal,
      err: line => lines.push(line),
      say: line => sink.progress(line),
    });
    if (made !== undefined) throw new ToolError(`not generated: a cast voice could not be made\n${lines.join('\n')}`);
    shot = await prepare();
    scopes = await s.scopesFor(shot);
  }
  const notes: string[] = [];
  const plan = await planTakes([shot], {
    takes: input.takes ?? 1,
    fresh: false,
    provider: s.provider,
    scopes,
    scopesOf: () => scopes.map((_, i) => i),
    ...runPlanOptions({ queueUrl: conn.queueUrl, out: undefined, note: (_shot, m) => notes.push(m) }),
    signal: sink.signal,
  });
  for (const n of notes) sink.progress(n);
  if (!plan.ok) {
    const r = plan.refusal;
    throw new ToolError(`refused by the budget of ${r.scope.name ?? 'the project'}, nothing was sent: ${r.message}`);
  }
  const costUsd = plan.work.reduce((sum, w) => sum + (w.kind === 'new' ? (w.shot.price.usd ?? 0) : 0), 0);
  sink.progress(`reserved ${plan.work.length} take(s), $${costUsd.toFixed(2)}`);
  const takes = await Promise.all(plan.work.map(w => runOne(s, w, conn.client, sink)));
  return { takes, costUsd: Math.round(costUsd * 100) / 100, capLeftUsd: (await s.capLeft(shot.outputDir)) ?? null };
}

type TakeOut = AgentOutput<'generate_shot'>['takes'][number];

async function runOne(s: McpSession, w: TakeWork, client: Parameters<typeof runTake>[1], sink: ProgressSink): Promise<TakeOut> {
  if (w.kind === 'outcome') {
    const rec = w.record;
    return {
      record: w.recordPath ? s.shown(w.recordPath) : '',
      clip: rec?.status === 'done' && w.recordPath ? s.shown(clipPathForRecord(w.recordPath)) : null,
      status: w.status,
      costUsd: rec ? (takeCostUsd(rec) ?? null) : null,
      error: w.ok ? null : w.detail,
    };
  }
  const name = s.shown(w.recordPath);
  if (w.kind === 'resume') sink.progress(`${name}: resuming ${w.record.requestId ?? ''} (was ${w.record.status})`);
  const run = runTake(w, client, {
    signal: sink.signal,
    onLost: m => s.o.log(m),
    onSubmitted: r => sink.progress(`${name}: submitted, request id ${r.requestId}`),
    onProgress: (pr: Progress) => {
      if (pr.phase !== 'final') sink.progress(`${name}: ${pr.phase === 'uploading' ? 'uploading' : pr.status} ${detailOf(pr)}`.trim());
    },
  });
  try {
    const r = await run.done;
    const rec = r.record;
    const error =
      r.error !== undefined
        ? sink.signal.aborted
          ? `cancelled by the client; ${rec?.requestId ? 'the take goes on at fal: `kling resume` (or list_takes later) recovers it' : 'nothing was sent'}`
          : errorText(r.error)
        : rec?.error
          ? `${rec.error.kind}: ${rec.error.message}`
          : null;
    return {
      record: name,
      clip: rec?.status === 'done' && r.onDisk ? s.shown(clipPathForRecord(w.recordPath)) : null,
      status: rec ? (r.onDisk || r.error !== undefined ? rec.status : `${rec.status} (not recorded)`) : 'stopped',
      costUsd: rec ? (takeCostUsd(rec) ?? null) : null,
      error,
    };
  } finally {
    await w.lock.release();
  }
}
