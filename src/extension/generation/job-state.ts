import type * as vscode from 'vscode';
import type { FalClient } from '../../client';
import type { Provider, TakeLock, TakeRecord, TakeRun } from '../../takes';
import type { Job } from '../common/jobs';

/** What the generation service keeps of a job beyond what the views read. */
export interface JobState extends Job {
  controller: AbortController;
  client: FalClient;
  /** The take session's run of this take (its journal: serialized, atomic, retried writes). */
  run: TakeRun | undefined;
  cancelInfo: { outcome: string; at: string } | undefined;
  /** The host is going away: leave the record as it is so the next activation resumes it. */
  shuttingDown: boolean;
  /** Held while this window follows the take, so another window on the folder does not. */
  lock: TakeLock;
  /** When progress was last announced (byte-only progress is throttled). */
  lastFired: number;
  /** Settles `done`. */
  resolveDone: (r: TakeRecord | undefined) => void;
}

export function newJobState(o: {
  recordPath: string;
  shotUri: vscode.Uri;
  provider: Provider;
  client: FalClient;
  resumed: boolean;
  record: TakeRecord | undefined;
  lock: TakeLock;
}): JobState {
  let resolveDone!: (r: TakeRecord | undefined) => void;
  const done = new Promise<TakeRecord | undefined>(r => {
    resolveDone = r;
  });
  const { record } = o;
  return {
    key: o.recordPath,
    shotUri: o.shotUri,
    recordPath: o.recordPath,
    provider: o.provider,
    startedAt: Date.now(),
    resumed: o.resumed,
    record,
    status: record?.status ?? 'submitting',
    phase: 'submitting',
    queuePosition: record?.queuePosition,
    lastLog: record?.logs?.at(-1)?.message,
    cancelRequested: false,
    done,
    controller: new AbortController(),
    client: o.client,
    run: undefined,
    cancelInfo: record?.cancel,
    shuttingDown: false,
    lock: o.lock,
    lastFired: 0,
    resolveDone,
  };
}

/** Through the take's journal, so an older state can never land after a newer one. */
export async function journalWrite(s: JobState, rec: TakeRecord): Promise<void> {
  await s.run?.journal.write(rec);
}

/** The record's file name: what the log says a take is. */
export function shortPath(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
