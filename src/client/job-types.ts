// What a take is given and what it reports: the job's input, its progress and the options of a run.
import type { TakeRecord, TakeStatus } from '../core/take/record';
import type { LogLine } from './queue';
import type { WatchOptions } from './status-stream';
import type { MediaOpener, UploadConfig } from './upload';

export interface JobInput {
  endpointId: string;
  body: Record<string, unknown>;
  /** Absolute paths to upload; each URL replaces the value at `path` in the body. */
  localMedia?: { path: (string | number)[]; file: string }[];
  /** Opens each local file through the caller's boundary; it is uploaded from that very handle. */
  openMedia?: MediaOpener;
  /** See requestKey: lets a rerun find this take instead of paying again. */
  requestKey?: string;
  /** The take's id and creation time when its record was written before (reserved): it goes on from there. */
  takeId?: string;
  createdAt?: string;
  shotFile?: string;
  /** Final clip path. */
  outputPath: string;
  costEstimateUsd?: number;
  /** The per-second price behind the estimate: turns fal's billable units into USD. */
  pricePerSecondUsd?: number;
  /** A simulated take: what it would have cost on fal (kept in the record, never counted as spent). */
  atFalUsd?: number;
  /** Marked in the record so the spend ledger lists simulator takes apart. */
  provider?: 'fal' | 'simulator';
}

export interface Progress {
  takeId: string;
  status: TakeStatus;
  phase: 'uploading' | 'submitting' | 'queued' | 'running' | 'downloading' | 'final';
  requestId?: string;
  /** fal's own state behind `status` (COMPLETED arrives before the result/download phase). */
  queueStatus?: 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
  queuePosition?: number;
  /** Log lines not reported before. */
  newLogs?: LogLine[];
  elapsedMs: number;
  bytes?: number;
  totalBytes?: number;
  /** The file being uploaded (phase 'uploading'). */
  file?: string;
  /**
   * What the take is waiting for and for how long, while the status watch or the result call is
   * outstanding (e.g. "fal to finish request … (in queue, position 2), 1 min 30 s so far"):
   * reported every JobConfig.waitingReportMs, so a quiet job is never a silent one.
   */
  waiting?: string;
}

export interface RunOptions {
  onRecord(rec: TakeRecord): Promise<void> | void;
  /** The moment fal's submit reply arrives, before it is journalled: the paid request id must never be lost. */
  onSubmitted?(reply: { requestId: string; endpointId: string }): void;
  onProgress?(p: Progress): void;
  signal?: AbortSignal;
}

export interface JobConfig {
  queueUrl: string;
  upload: UploadConfig;
  watch: Omit<WatchOptions, 'onStatus' | 'signal'>;
  now: () => number;
  maxLogLines: number;
  /** How often a Progress with `waiting` is reported while the watch or the result call is outstanding. */
  waitingReportMs: number;
}

/** Twice a minute: the CLI and the extension promise a word at least once a minute. */
export const DEFAULT_WAITING_REPORT_MS = 30_000;

/** 95 000 ms → `1 min 35 s`. */
export function waitedFor(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}
