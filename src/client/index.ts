// Kling Studio's fal client: queue protocol over undici, SSE status with polling fallback, uploads
// with a content-hash cache, verified resumable downloads, and a journal the caller persists.
// No `vscode` import: everything it needs comes in through FalClientOptions.
import type { Dispatcher } from 'undici';
import { FalError } from './errors';
import { HttpClient, type Logger } from './http';
import { DEFAULT_WAITING_REPORT_MS, JobRunner, type JobInput, type Progress, type RunOptions } from './job';
import type { TakeRecord } from '../core/take/record';
import { createDispatcher } from './proxy';
import { DEFAULT_CALL_TIMEOUT_MS, type CancelOutcome, type QueueCtx } from './queue';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { DEFAULT_WATCH, type WatchOptions } from './status-stream';
import { uploadFile, type MediaOpener } from './upload';
import { DEFAULT_UPLOAD_TTL_MS, UploadCache } from './upload-cache';

export { FalError, type ErrorKind } from './errors';
export { falKeyFromEnv, type Logger } from './http';
export {
  applyCancelOutcome,
  DEFAULT_WAITING_REPORT_MS,
  setAtPath,
  tempPathFor,
  waitedFor,
  type JobInput,
  type Progress,
  type RunOptions,
} from './job';
export { DEFAULT_CALL_TIMEOUT_MS, type CancelOutcome, type LogLine, type QueueStatus } from './queue';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { DEFAULT_WATCH, type WatchOptions } from './status-stream';
export { contentTypeFor, sha256File, sha256OfHandle, type MediaOpener } from './upload';
export { createDispatcher } from './proxy';

export const DEFAULT_QUEUE_URL = 'https://queue.fal.run';
export const DEFAULT_STORAGE_URL = 'https://rest.fal.ai';

export interface FalClientOptions {
  queueUrl?: string;
  storageUrl?: string;
  /** Resolved on every request that needs the key (so a key change applies at once). */
  credentials: () => Promise<string | undefined> | string | undefined;
  dispatcher?: Dispatcher;
  /** Explicit proxy URL (VS Code's http.proxy); otherwise HTTPS_PROXY/HTTP_PROXY/NO_PROXY apply. */
  proxy?: string;
  /** Hosts that bypass the explicit proxy (VS Code's http.noProxy, comma-separated). */
  noProxy?: string;
  /** Where HTTPS_PROXY/HTTP_PROXY/NO_PROXY are read from (default process.env); `{}` ignores them. */
  proxyEnv?: NodeJS.ProcessEnv;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Status watching: stream silence, deadline (default 60 min), polling bounds. */
  watch?: Partial<Omit<WatchOptions, 'onStatus' | 'signal'>>;
  now?: () => number;
  uploadCacheFile?: string;
  uploadCacheTtlMs?: number;
  /** fal-js uses multipart above 90 MB with 10 MB parts; options so tests can use small sizes. */
  multipartThresholdBytes?: number;
  multipartPartBytes?: number;
  /** Log lines kept in a take record. */
  maxLogLines?: number;
  /**
   * How long one status or result call may wait for fal's headers, and then between chunks of its
   * body (default 60 s). A call that times out counts against the read retry budget.
   */
  callTimeoutMs?: number;
  /** How often Progress.waiting is reported while the watch or the result call is outstanding (default 30 s). */
  waitingReportMs?: number;
}

export interface FalClient {
  /** Uploads a local file to fal storage and returns its file_url (skipped when the same content was uploaded recently). */
  upload(filePath: string, opts: { signal?: AbortSignal; contentType?: string; open: MediaOpener }): Promise<string>;
  /**
   * Runs a take to its end. Resolves with the final record (done, failed, cancelled or unknown);
   * rejects with a FalError when it stops early (aborted, watch deadline, journal not writable
   * before submit, download still failing) — the last record given to onRecord is then resumable.
   */
  generate(job: JobInput, opts: RunOptions): Promise<TakeRecord>;
  /** Continues a non-final record (watch → result → download); returns final records unchanged. */
  resume(rec: TakeRecord, opts: RunOptions): Promise<TakeRecord>;
  /** Asks fal to cancel; see applyCancelOutcome for the record update. */
  cancel(rec: TakeRecord, opts?: { signal?: AbortSignal }): Promise<CancelOutcome>;
  /** Closes the connection pool (only when the client created it). */
  close(): Promise<void>;
}

export function createFalClient(opts: FalClientOptions): FalClient {
  const queueUrl = (opts.queueUrl ?? DEFAULT_QUEUE_URL).replace(/\/+$/, '');
  const storageUrl = (opts.storageUrl ?? DEFAULT_STORAGE_URL).replace(/\/+$/, '');
  const now = opts.now ?? Date.now;
  const { dispatcher, owned } = createDispatcher({
    dispatcher: opts.dispatcher,
    proxy: opts.proxy,
    noProxy: opts.noProxy,
    ...(opts.proxyEnv && { env: opts.proxyEnv }),
  });
  const http = new HttpClient(dispatcher, [queueUrl, storageUrl], opts.credentials, opts.logger);
  const ctx: QueueCtx = { http, policy: { ...DEFAULT_RETRY, ...opts.retry }, callTimeoutMs: opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS };
  const upload = {
    storageUrl,
    multipartThreshold: opts.multipartThresholdBytes ?? 90 * 1024 * 1024,
    partSize: opts.multipartPartBytes ?? 10 * 1024 * 1024,
    cache: new UploadCache(opts.uploadCacheFile, opts.uploadCacheTtlMs ?? DEFAULT_UPLOAD_TTL_MS, now),
  };
  const runner = new JobRunner(ctx, {
    queueUrl,
    upload,
    watch: { ...DEFAULT_WATCH, ...opts.watch },
    now,
    maxLogLines: opts.maxLogLines ?? 50,
    waitingReportMs: opts.waitingReportMs ?? DEFAULT_WAITING_REPORT_MS,
  });
  // Whatever fails, the message that reaches the caller has no key in it.
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      throw http.redactor.scrub(e instanceof Error ? e : new FalError('http', String(e)));
    }
  };
  // Every string a server sent that reaches a record or a progress report (logs, error types,
  // file names, URLs) passes the redactor on its way out.
  const r = http.redactor;
  const clean = (o: RunOptions): RunOptions => ({
    ...o,
    onRecord: rec => o.onRecord(r.redactValue(rec)),
    ...(o.onProgress && { onProgress: (p: Progress) => o.onProgress!(r.redactValue(p)) }),
    // The request id is printed (stderr, the extension's log) the moment it arrives: a server could echo anything in it.
    ...(o.onSubmitted && { onSubmitted: (s: { requestId: string; endpointId: string }) => o.onSubmitted!(r.redactValue(s)) }),
  });
  return {
    upload: (filePath, o) => guard(uploadFile(ctx, upload, filePath, o)),
    generate: (job, o) => guard(runner.generate(job, clean(o)).then(rec => r.redactValue(rec))),
    resume: (rec, o) => guard(runner.resume(rec, clean(o)).then(out => r.redactValue(out))),
    cancel: (rec, o = {}) => guard(runner.cancel(rec, o.signal)),
    close: async () => {
      if (owned) await dispatcher.close();
    },
  };
}
export {
  createPlatformClient,
  DEFAULT_PLATFORM_URL,
  type PlatformClient,
  type PlatformClientOptions,
  type PlatformModel,
} from './platform';
