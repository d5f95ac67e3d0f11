// fal's queue calls: submit, status, result, cancel. URLs other than the submit URL always come
// from the submit reply (fal: "Do not build these URLs yourself").
import { maxHeaderSize } from 'node:http';
import { z } from 'zod';
import { FalError, isAbort } from './errors';
import { FalValidationDetailSchema, type FalValidationDetail } from '../core/fal-validation';
import { header, MAX_REDIRECTS, readJson, stripQuery, type HttpClient, type HttpRequest, type HttpResponse } from './http';
import { errorCodes, isConnectFailure, isNeverSent, parseRetryAfter, RetryableStatus, withRetry, type RetryPolicy } from './retry';
import { errorText } from '../core/error-text';

export const SubmitReply = z
  .object({
    request_id: z.string().min(1),
    status_url: z.string().url(),
    response_url: z.string().url(),
    cancel_url: z.string().url(),
    status: z.string().optional(),
    queue_position: z.number().optional(),
  })
  .passthrough();
export type SubmitReply = z.infer<typeof SubmitReply>;

export const LogLine = z
  .object({ message: z.string(), level: z.string().optional(), source: z.string().optional(), timestamp: z.string().optional() })
  .passthrough();
export type LogLine = z.infer<typeof LogLine>;

export const QueueStatus = z
  .object({
    status: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']),
    request_id: z.string().optional(),
    queue_position: z.number().nullish(),
    logs: z.array(LogLine).nullish(),
  })
  .passthrough();
export type QueueStatus = z.infer<typeof QueueStatus>;

export const VideoFile = z
  .object({
    url: z.string().url(),
    content_type: z.string().nullish(),
    file_name: z.string().nullish(),
    file_size: z.number().int().nonnegative().nullish(),
  })
  .passthrough();
/** A clip (every video endpoint) or a voice id (create-voice). */
export const VideoResultBody = z.object({ video: VideoFile }).passthrough();
export type VideoResultBody = z.infer<typeof VideoResultBody>;
export const ResultBody = z.union([VideoResultBody, z.object({ voice_id: z.string().min(1) }).passthrough()]);

/** The voice id of a create-voice result; undefined for a clip. */
export function voiceIdOf(body: ResultBody): string | undefined {
  return 'video' in body ? undefined : (body as { voice_id: string }).voice_id;
}
export type ResultBody = z.infer<typeof ResultBody>;

export type CancelOutcome = 'cancelled' | 'cancellation-requested' | 'too-late' | 'not-found' | 'not-submitted';

export interface QueueCtx {
  http: HttpClient;
  policy: RetryPolicy;
  /**
   * How long one status or result call may wait for fal's headers, and then between body chunks
   * (default DEFAULT_CALL_TIMEOUT_MS). A call that times out is retried within the read budget.
   */
  callTimeoutMs?: number;
}

/** A status or result reply is a small JSON document: a minute without a byte of it is a dead call. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/**
 * Errors after which watching cannot usefully go on (a redirect loop, headers undici cannot read,
 * calls that keep timing out): the watch stops and says why instead of polling until its deadline.
 */
const STOPS_THE_WATCH = new WeakSet<FalError>();
function stopping(e: FalError): FalError {
  STOPS_THE_WATCH.add(e);
  return e;
}
/** Whether a status call's error ends the watch (the take stays resumable; the job may still finish). */
export function stopsTheWatch(e: unknown): boolean {
  return e instanceof FalError && (e.kind === 'not-found' || e.kind === 'auth' || STOPS_THE_WATCH.has(e));
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A GET of a status or result URL that follows at most MAX_REDIRECTS redirects. The key goes only
 * to the configured fal origins (HttpClient decides on every hop); a longer chain is an error.
 */
async function getFollowing(ctx: QueueCtx, what: string, r: Omit<HttpRequest, 'method' | 'url'>, url: string): Promise<HttpResponse> {
  let at = url;
  for (let hops = 0; ; hops++) {
    const res = await ctx.http.request({ ...r, url: at, method: 'GET' });
    const location = header(res, 'location');
    if (!REDIRECT_STATUSES.has(res.statusCode) || location === undefined) return res;
    await res.body.dump();
    let next: URL | undefined;
    try {
      next = new URL(location, at);
    } catch {
      next = undefined;
    }
    if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:'))
      throw stopping(
        new FalError('protocol', `${what}: fal answered HTTP ${res.statusCode} with a Location that is not an http(s) URL.`, {
          status: res.statusCode,
        }),
      );
    if (hops >= MAX_REDIRECTS)
      throw stopping(
        new FalError(
          'protocol',
          `${what}: fal redirected the request more than ${MAX_REDIRECTS} times (last: HTTP ${res.statusCode} to ${stripQuery(next.toString())}); stopped following.`,
          { status: res.statusCode },
        ),
      );
    at = next.toString();
  }
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

/**
 * A status or result call that failed below HTTP, after its retries: a clear FalError for the
 * failures that have one (headers undici cannot hold, a call that kept timing out); anything else
 * as it came.
 */
function transportFailure(ctx: QueueCtx, what: string, noun: string, e: unknown, attempts: number): unknown {
  if (e instanceof FalError || isAbort(e)) return e;
  const codes = errorCodes(e);
  if (codes.includes('UND_ERR_HEADERS_OVERFLOW'))
    return stopping(
      new FalError(
        'protocol',
        `${what}: fal's reply to the ${noun} request had headers larger than undici allows (${Math.round(maxHeaderSize / 1024)} KB); it cannot be read. The job is not lost: resume the take later.`,
        { cause: e },
      ),
    );
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT') || codes.includes('UND_ERR_BODY_TIMEOUT'))
    return stopping(
      new FalError(
        'timeout',
        `${what}: fal did not answer the ${noun} request within ${seconds(ctx.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS)} (${attempts} attempt${attempts === 1 ? '' : 's'}); stopped waiting. The job may still finish: resume the take later.`,
        { cause: e },
      ),
    );
  return e;
}

/** The per-call timeouts of status and result calls. */
const callTimeouts = (ctx: QueueCtx) => {
  const t = ctx.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  return { headersTimeout: t, bodyTimeout: t };
};

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

const jsonText = (v: unknown): string => {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 300);
  } catch {
    return String(v).slice(0, 300);
  }
};

/** fal's detail entry read leniently: a field of the wrong shape falls back instead of failing the whole reply. */
const { loc, msg, type } = FalValidationDetailSchema.shape;
const DetailIn = z.object({ loc: loc.catch(['body']), msg: msg.optional().catch(undefined), type: type.catch('unknown') });

/**
 * fal's 422 `detail`, whatever its shape: an array of {loc, msg, type} (each field checked, with a
 * fallback), a plain string, or anything else. Never throws, and the result always fits the journal.
 */
export function parseDetail(raw: unknown, redact: (s: string) => string = s => s): FalValidationDetail[] {
  if (typeof raw === 'string') return [{ loc: ['body'], msg: redact(raw.slice(0, 300) || 'Invalid request'), type: 'value_error' }];
  if (!Array.isArray(raw)) return [{ loc: ['body'], msg: redact(raw == null ? 'Invalid request' : jsonText(raw)), type: 'value_error' }];
  const items = raw.map((item): FalValidationDetail => {
    const p = DetailIn.safeParse(item);
    const d = p.success ? p.data : { loc: ['body'], msg: undefined, type: 'unknown' };
    return { loc: d.loc, msg: redact(d.msg ?? jsonText(item)), type: d.type };
  });
  return items.length ? items : [{ loc: ['body'], msg: 'Invalid request', type: 'value_error' }];
}

/** Turns a non-2xx fal answer into a typed error (or a retryable one for the retry loop). */
export async function errorFrom(ctx: QueueCtx, res: HttpResponse, what: string, retryStatuses: number[]): Promise<FalError> {
  const status = res.statusCode;
  const body = (await readJson(res).catch(() => undefined)) as
    { detail?: unknown; error_type?: unknown; message?: unknown } | string | undefined;
  const obj = typeof body === 'object' && body !== null ? body : undefined;
  const r = (s: string) => ctx.http.redactor.redact(s);
  const rawType = header(res, 'x-fal-error-type') ?? (typeof obj?.error_type === 'string' ? obj.error_type : undefined);
  const errorType = rawType === undefined ? undefined : r(rawType);
  const detailText = typeof obj?.detail === 'string' ? obj.detail : typeof body === 'string' ? body.slice(0, 300) : undefined;
  // A bare gateway status is transient; one that names an error_type is the job's own outcome.
  if (retryStatuses.includes(status) && errorType === undefined) {
    return new RetryableStatus(
      status,
      r(`${what}: HTTP ${status}${detailText ? ` (${detailText})` : ''}`),
      parseRetryAfter(res.headers['retry-after']),
    );
  }
  if (status === 401 || status === 403)
    return new FalError(
      'auth',
      r(`${what}: ${detailText ?? (status === 401 ? 'Unauthorized' : 'Forbidden')} (HTTP ${status}). Check the fal API key.`),
      { status },
    );
  if (status === 422 || Array.isArray(obj?.detail)) {
    const detail = parseDetail(obj?.detail ?? (typeof body === 'string' ? body.slice(0, 300) : undefined), r);
    const where = (d: FalValidationDetail) => d.loc.filter(x => x !== 'body').join('.') || 'body';
    return new FalError('validation', `${what}: ${detail.map(d => `${where(d)}: ${d.msg}`).join('; ')}`, {
      status,
      detail,
      ...(errorType !== undefined && { errorType }),
      retryable: header(res, 'x-fal-retryable') === 'true',
    });
  }
  if (errorType === 'request_cancelled')
    return new FalError('cancelled', r(`${what}: ${detailText ?? 'the request was cancelled'}`), { status, errorType });
  if (errorType !== undefined)
    return new FalError('model', r(`${what}: ${detailText ?? errorType} (${errorType}, HTTP ${status})`), {
      status,
      errorType,
      retryable: header(res, 'x-fal-retryable') === 'true',
    });
  return new FalError('http', r(`${what}: HTTP ${status}${detailText ? ` (${detailText})` : ''}`), { status });
}

/**
 * Submits once. Retried only when the connection was never made (so fal cannot have seen it) or
 * when fal answered 429 (its explicit "too many requests": nothing created). Anything else after
 * the request may have reached fal (reset mid-response, timeout, any 5xx — a gateway's 502/503/504
 * can come after it forwarded the request —, an unreadable reply) is 'submit-uncertain': retrying
 * could create and bill a second job.
 */
export async function submit(ctx: QueueCtx, queueUrl: string, endpointId: string, body: unknown): Promise<SubmitReply> {
  const url = `${queueUrl.replace(/\/+$/, '')}/${endpointId.replace(/^\/+/, '')}`;
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new FalError('network', `Submit: the queue URL must be an http: or https: URL, not '${queueUrl}'; nothing was sent.`);
  const payload = JSON.stringify(body);
  try {
    return await withRetry(
      async () => {
        // No abort signal on purpose: an abort mid-request would leave a job we cannot name.
        const res = await ctx.http.request({
          url,
          method: 'POST',
          auth: true,
          headers: { ...JSON_HEADERS, 'x-fal-queue-priority': 'normal' },
          body: payload,
        });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const data = await readJson(res);
          const parsed = SubmitReply.safeParse(data);
          if (!parsed.success)
            throw new FalError(
              'submit-uncertain',
              `Submit: fal accepted the request but the reply is not a queue status (HTTP ${res.statusCode}).`,
              { status: res.statusCode },
            );
          return parsed.data;
        }
        if (res.statusCode >= 500) {
          // A gateway (or fal itself) can answer 5xx after the request was forwarded and the job created.
          const why = await errorFrom(ctx, res, 'Submit', []);
          throw new FalError('submit-uncertain', `${why.message} — fal may or may not have queued the job, so it is not resubmitted.`, {
            status: res.statusCode,
            ...(why.errorType !== undefined && { errorType: why.errorType }),
          });
        }
        // 429 is fal's own "too many requests": nothing was created, so it is safe to send again.
        throw await errorFrom(ctx, res, 'Submit', [429]);
      },
      {
        policy: ctx.policy,
        maxRetries: ctx.policy.maxRetries,
        retryNetwork: isConnectFailure,
        onRetry: (n, ms, e) => ctx.http.log.warn(`Submit retry ${n} in ${Math.round(ms)} ms: ${errorText(e)}`),
      },
    );
  } catch (e) {
    if (e instanceof FalError) throw e;
    if (isNeverSent(e))
      throw new FalError('network', `Submit: could not connect to fal (${errorText(e)}); nothing was sent.`, { cause: e });
    throw new FalError(
      'submit-uncertain',
      `Submit: the connection failed after the request was sent (${errorText(e)}); fal may or may not have queued the job, so it is not resubmitted.`,
      { cause: e },
    );
  }
}

export async function getStatus(ctx: QueueCtx, statusUrl: string, signal?: AbortSignal): Promise<QueueStatus> {
  const u = new URL(statusUrl);
  u.searchParams.set('logs', '1');
  let attempts = 0;
  try {
    return await withRetry(
      async () => {
        attempts++;
        const res = await getFollowing(
          ctx,
          'Status',
          { auth: true, headers: { accept: 'application/json' }, signal, ...callTimeouts(ctx) },
          u.toString(),
        );
        if (res.statusCode === 200 || res.statusCode === 202) {
          const parsed = QueueStatus.safeParse(await readJson(res));
          if (!parsed.success) throw new FalError('protocol', `Status: unexpected reply (HTTP ${res.statusCode})`);
          return parsed.data;
        }
        if (res.statusCode === 404) {
          await res.body.dump();
          throw new FalError('not-found', 'Status: fal does not know this request (404).', { status: 404 });
        }
        // fal-js also retries 500 on status: it is a read.
        throw await errorFrom(ctx, res, 'Status', [...ctx.policy.retryStatuses, 500]);
      },
      { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
    );
  } catch (e) {
    throw transportFailure(ctx, 'Status', 'status', e, attempts);
  }
}

export interface ResultReply {
  body: ResultBody;
  /** fal's `x-fal-billable-units` as sent (Kling video: seconds of output), when it sent one; read by the job. */
  billableUnitsHeader?: string;
}

export async function getResult(ctx: QueueCtx, responseUrl: string, signal?: AbortSignal): Promise<ResultReply> {
  // A bare 500 (no error_type) may be the gateway or the job's own crash: re-reading is free, but a
  // real failure should not take minutes to report, so it gets the short budget.
  let bare500 = 0;
  let attempts = 0;
  try {
    return await withRetry(
      async () => {
        attempts++;
        const res = await getFollowing(
          ctx,
          'Result',
          { auth: true, headers: { accept: 'application/json' }, signal, ...callTimeouts(ctx) },
          responseUrl,
        );
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const data = await readJson(res);
          const parsed = ResultBody.safeParse(data);
          if (!parsed.success)
            throw new FalError('protocol', 'Result: the reply has no video file (nor voice id).', { status: res.statusCode });
          const units = header(res, 'x-fal-billable-units');
          return { body: parsed.data, ...(units !== undefined && { billableUnitsHeader: units }) };
        }
        if (res.statusCode === 404) {
          await res.body.dump();
          throw new FalError('result-expired', 'Result: fal no longer holds this result (kept 1 h after completion, 6 min when ≥ 10 KB).', {
            status: 404,
          });
        }
        const retryable =
          res.statusCode === 500 && bare500++ < ctx.policy.maxRetries ? [...ctx.policy.retryStatuses, 500] : ctx.policy.retryStatuses;
        throw await errorFrom(ctx, res, 'Result', retryable);
      },
      { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
    );
  } catch (e) {
    throw transportFailure(ctx, 'Result', 'result', e, attempts);
  }
}

export async function cancelRequest(ctx: QueueCtx, cancelUrl: string, signal?: AbortSignal): Promise<CancelOutcome> {
  return withRetry(
    async () => {
      const res = await ctx.http.request({ url: cancelUrl, method: 'PUT', auth: true, headers: { accept: 'application/json' }, signal });
      if (res.statusCode === 401 || res.statusCode === 403 || ctx.policy.retryStatuses.includes(res.statusCode))
        throw await errorFrom(ctx, res, 'Cancel', ctx.policy.retryStatuses);
      const body = (await readJson(res).catch(() => undefined)) as { status?: unknown; success?: unknown } | undefined;
      const s = typeof body?.status === 'string' ? body.status : undefined;
      if (s === 'OK' || (s === undefined && body?.success === true)) return 'cancelled';
      if (s === 'CANCELLATION_REQUESTED') return 'cancellation-requested';
      if (s === 'ALREADY_COMPLETED') return 'too-late';
      if (s === 'NOT_FOUND' || res.statusCode === 404) return 'not-found';
      if (res.statusCode >= 200 && res.statusCode < 300) return 'cancellation-requested';
      throw new FalError('http', `Cancel: HTTP ${res.statusCode}`, { status: res.statusCode });
    },
    { policy: ctx.policy, maxRetries: ctx.policy.maxRetries, signal },
  );
}
