// Runs the CLI's planned takes through the take session (src/takes runTake): a new take keeps the
// lock it was planned with, a resumed one the lock it was claimed with, and every record goes
// through the take's journal. The request id is printed the moment fal returns it, and `done` only
// once the record says so. Ctrl+C cancels the submitted jobs on fal.
import * as path from 'node:path';
import { applyCancelOutcome, type FalClient } from '../client';
import { isFinal, runTake, type TakeLock, type TakeRun, type TakeWork } from '../takes';
import { detailOf, ProgressView } from './progress-view';
import { errorText } from '../core/error-text';

export interface RunSummary {
  done: number;
  total: number;
  interrupted: boolean;
}

/** What the CLI calls a take: its shot file (as the user named it) or its record. */
export function labelOf(w: TakeWork): string {
  const file = w.shot?.shotFile ?? w.recordPath ?? '';
  return path.relative(process.cwd(), file) || file;
}

export async function runTakes(
  work: TakeWork[],
  client: FalClient,
  o: { concurrency: number; err: (s: string) => void },
): Promise<RunSummary> {
  const tty = Boolean(process.stdout.isTTY);
  const labels = work.map(labelOf);
  const view = new ProgressView(
    process.stdout,
    tty,
    labels.map(l => (l.length > 24 ? path.basename(l) : l)),
  );
  const ac = new AbortController();
  const runs = new Map<number, TakeRun>();
  let done = 0;
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\ninterrupted: cancelling submitted jobs…\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  const heldForCancel: TakeLock[] = [];

  const runOne = async (i: number, w: TakeWork) => {
    const label = labels[i]!;
    if (w.kind === 'outcome') {
      if (w.ok) done++;
      view.update(i, w.status, w.detail, true);
      return;
    }
    view.update(i, w.kind === 'resume' ? 'resuming' : 'starting');
    if (w.kind === 'resume') o.err(`${label}: resuming ${w.record.requestId} (${path.basename(w.recordPath)}, was ${w.record.status})`);
    const run = runTake(w, client, {
      signal: ac.signal,
      onLost: message => o.err(message),
      onSubmitted: s => o.err(`${label}: submitted, request id ${s.requestId} (${s.endpointId})`),
      onProgress: p => {
        if (p.phase !== 'final') view.update(i, p.phase === 'uploading' ? 'uploading' : p.status, detailOf(p));
      },
    });
    runs.set(i, run);
    try {
      const r = await run.done;
      const rec = r.record;
      if (r.error !== undefined || !rec) {
        view.update(i, ac.signal.aborted ? 'interrupted' : 'stopped', errorText(r.error), true);
        return;
      }
      if (rec.status === 'done' && r.onDisk) done++;
      const detail =
        rec.status === 'done' ? path.relative(process.cwd(), rec.clipPath!) : rec.error ? `${rec.error.kind}: ${rec.error.message}` : '';
      view.update(i, r.onDisk ? rec.status : `${rec.status} (not recorded)`, detail, true);
    } finally {
      // After Ctrl+C the record is still written below (the cancel outcome): keep the lock until then.
      if (interrupted) heldForCancel.push(w.lock);
      else await w.lock.release();
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < work.length && !ac.signal.aborted) {
      const i = next++;
      await runOne(i, work[i]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.concurrency, work.length) }, worker));
    if (interrupted) {
      for (const [i, run] of runs) {
        const rec = run.latest();
        if (!rec || isFinal(rec) || !rec.cancelUrl) continue;
        try {
          const outcome = await client.cancel(rec);
          const updated = applyCancelOutcome(rec, outcome);
          await run.journal.write(updated);
          view.update(i, updated.status === 'cancelled' ? 'cancelled' : `cancel: ${outcome}`, '', true);
        } catch (e) {
          view.update(i, 'cancel failed', errorText(e), true);
        }
      }
    }
  } finally {
    await Promise.all(heldForCancel.map(l => l.release()));
    view.stop();
    process.off('SIGINT', onSigint);
  }
  return { done, total: work.length, interrupted };
}
