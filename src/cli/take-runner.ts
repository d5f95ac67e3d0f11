// Runs the CLI's takes through the take store: a new take is planned (unique name, lock held),
// a resumed one keeps the lock it was claimed with; every record goes through the take's journal.
// The request id is printed the moment fal returns it, and `done` only once the record says so.
// Ctrl+C cancels the submitted jobs on fal.
import * as path from 'node:path';
import { applyCancelOutcome, type FalClient, type JobInput } from '../client';
import { isFinal, planTake, TakeJournal, type TakeLock, type TakeRecord } from '../takes';
import { detailOf, ProgressView } from './progress-view';

export type TakeWork =
  | { label: string; kind: 'new'; job: Omit<JobInput, 'outputPath'>; outputDir: string; shotFile: string }
  | { label: string; kind: 'resume'; recordPath: string; record: TakeRecord; lock: TakeLock }
  /** Decided before running (refused, followed elsewhere): shown, counted as not done. */
  | { label: string; kind: 'outcome'; status: string; detail: string };

export interface RunSummary {
  done: number;
  total: number;
  interrupted: boolean;
}

export async function runTakes(
  work: TakeWork[],
  client: FalClient,
  o: { concurrency: number; err: (s: string) => void },
): Promise<RunSummary> {
  const tty = Boolean(process.stdout.isTTY);
  const view = new ProgressView(
    process.stdout,
    tty,
    work.map(w => (w.label.length > 24 ? path.basename(w.label) : w.label)),
  );
  const ac = new AbortController();
  const latest = new Map<number, { rec: TakeRecord; journal: TakeJournal }>();
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
    if (w.kind === 'outcome') {
      view.update(i, w.status, w.detail, true);
      return;
    }
    view.update(i, w.kind === 'resume' ? 'resuming' : 'starting');
    let lock: TakeLock;
    let recordPath: string;
    let run: (opts: Parameters<FalClient['resume']>[1]) => Promise<TakeRecord>;
    if (w.kind === 'new') {
      let planned;
      try {
        planned = await planTake(w.outputDir, w.shotFile);
      } catch (e) {
        view.update(i, 'skipped', `cannot plan the take: ${(e as Error).message}`, true);
        return;
      }
      lock = planned.lock;
      recordPath = planned.recordPath;
      run = opts => client.generate({ ...w.job, outputPath: planned.clipPath }, opts);
    } else {
      lock = w.lock;
      recordPath = w.recordPath;
      o.err(`${w.label}: resuming ${w.record.requestId} (${path.basename(recordPath)}, was ${w.record.status})`);
      run = opts => client.resume(w.record, opts);
    }
    const journal = new TakeJournal(recordPath, message => o.err(message));
    try {
      const rec = await run({
        signal: ac.signal,
        onSubmitted: s => o.err(`${w.label}: submitted, request id ${s.requestId} (${s.endpointId})`),
        onRecord: async r => {
          latest.set(i, { rec: r, journal });
          await journal.write(r);
        },
        onProgress: p => {
          if (p.phase !== 'final') view.update(i, p.phase === 'uploading' ? 'uploading' : p.status, detailOf(p));
        },
      });
      await journal.flushed();
      const onDisk = journal.written?.status === rec.status;
      if (rec.status === 'done' && onDisk) done++;
      const detail =
        rec.status === 'done' ? path.relative(process.cwd(), rec.clipPath!) : rec.error ? `${rec.error.kind}: ${rec.error.message}` : '';
      view.update(i, onDisk ? rec.status : `${rec.status} (not recorded)`, detail, true);
    } catch (e) {
      view.update(i, ac.signal.aborted ? 'interrupted' : 'stopped', (e as Error).message, true);
    } finally {
      // After Ctrl+C the record is still written below (the cancel outcome): keep the lock until then.
      if (interrupted) heldForCancel.push(lock);
      else await lock.release();
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
      for (const [i, { rec, journal }] of latest) {
        if (isFinal(rec) || !rec.cancelUrl) continue;
        try {
          const outcome = await client.cancel(rec);
          const updated = applyCancelOutcome(rec, outcome);
          await journal.write(updated);
          view.update(i, updated.status === 'cancelled' ? 'cancelled' : `cancel: ${outcome}`, '', true);
        } catch (e) {
          view.update(i, 'cancel failed', (e as Error).message, true);
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
