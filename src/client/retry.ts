// fal-js's retry policy (429/502/503/504 and transient socket errors, exponential backoff with ±25 %
// jitter), plus Retry-After, which fal-js ignores. A user abort is never retried.
import { FalError, isAbort, abortError } from './errors';

export interface RetryPolicy {
  /** Retries for calls that change state on the server (cancel, storage initiate). */
  maxRetries: number;
  /** Retries for reads (status, result, download, upload PUTs): free and idempotent, so more of them. */
  readMaxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** ±fraction of the delay. */
  jitter: number;
  retryStatuses: number[];
  /** Upper bound for a server's Retry-After. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  readMaxRetries: 10,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.25,
  retryStatuses: [429, 502, 503, 504],
  maxRetryAfterMs: 120_000,
};

/** Transport error codes worth a retry (mirrors fal-js since PR #211). */
const TRANSIENT_CODES = new Set([
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Codes that mean the TCP/TLS connection was never made, so no request byte reached the server. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Every `code` on an error, its causes and aggregated errors. */
export function errorCodes(e: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let cur = e as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    if (typeof cur.code === 'string') out.push(cur.code);
    if (Array.isArray(cur.errors)) for (const x of cur.errors) out.push(...errorCodes(x));
    cur = cur.cause as typeof cur;
  }
  return out;
}

export function isTransientNetworkError(e: unknown): boolean {
  return errorCodes(e).some(c => TRANSIENT_CODES.has(c));
}
/** True only when the request provably never left this machine: the one case a submit may be retried. */
export function isConnectFailure(e: unknown): boolean {
  const c = errorCodes(e);
  return c.length > 0 && c.every(x => CONNECT_CODES.has(x));
}

/** Refused by undici before any connection: an invalid URL or option. Nothing left this machine either. */
const NOT_SENT_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_URL']);

/** True when the request surely never reached the server: no connection was made, or undici refused it up front. */
export function isNeverSent(e: unknown): boolean {
  const c = errorCodes(e);
  return c.length > 0 && c.every(x => CONNECT_CODES.has(x) || NOT_SENT_CODES.has(x));
}

export function backoffMs(attempt: number, p: RetryPolicy, rand: () => number = Math.random): number {
  const exp = Math.min(p.baseDelayMs * p.factor ** attempt, p.maxDelayMs);
  return Math.max(0, exp + p.jitter * exp * (rand() * 2 - 1));
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A retryable HTTP answer carries its status and Retry-After to the retry loop. */
export class RetryableStatus extends FalError {
  constructor(
    status: number,
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super('http', message, { status, retryable: true });
  }
}

/**
 * Runs `fn` until it succeeds, it fails with something not retryable, or the budget is spent.
 * `retryable` decides for errors that are neither RetryableStatus nor transport errors.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: {
    policy: RetryPolicy;
    maxRetries: number;
    signal?: AbortSignal | undefined;
    retryNetwork?: (e: unknown) => boolean;
    onRetry?: (attempt: number, delayMs: number, e: unknown) => void;
    /** When this says the failed attempt still made progress (a download moved on), the budget starts over. */
    progressed?: () => boolean;
  },
): Promise<T> {
  const retryNetwork = opts.retryNetwork ?? isTransientNetworkError;
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw abortError();
    try {
      return await fn(attempt);
    } catch (e) {
      if (isAbort(e, opts.signal)) throw opts.signal?.aborted ? abortError() : e;
      const isStatus = e instanceof RetryableStatus;
      if (!(isStatus || retryNetwork(e))) throw e;
      if (opts.progressed?.()) attempt = 0;
      else if (attempt >= opts.maxRetries) throw e;
      const base = backoffMs(attempt, opts.policy);
      const after = isStatus ? e.retryAfterMs : undefined;
      const delay = after === undefined ? base : Math.min(Math.max(after, base), opts.policy.maxRetryAfterMs);
      opts.onRetry?.(attempt + 1, delay, e);
      await sleep(delay, opts.signal);
    }
  }
}
