// Watches a request until COMPLETED: fal's SSE status stream first (instant notice), reconnecting
// when the stream is cut or goes silent past the keep-alive (fal sends a comment every 15 s), and
// polling with backoff when streaming keeps failing. The deadline defaults to an hour: Kling jobs
// take 2–10 min under load and a short cap loses paid results.
import { createParser } from 'eventsource-parser';
import { abortError, FalError, isAbort } from './errors';
import { errorFrom, getStatus, QueueStatus, stopsTheWatch, type QueueCtx } from './queue';
import { backoffMs, sleep } from './retry';
import { errorText } from '../core/error-text';

export interface WatchOptions {
  signal?: AbortSignal | undefined;
  /** Called for every status seen (SSE event or poll). */
  onStatus: (s: QueueStatus, via: 'stream' | 'poll') => void;
  /** Reconnect when the stream is silent this long (no event, no keep-alive). */
  silenceMs: number;
  /** Give up on the client side after this long; the job itself may still finish (resume later). */
  deadlineMs: number;
  pollMinMs: number;
  pollMaxMs: number;
  /** Consecutive stream failures before falling back to polling for a while. */
  streamFailuresBeforePolling: number;
  /** While polling, try the stream again after this long. */
  streamRetryAfterMs: number;
}

export const DEFAULT_WATCH: Omit<WatchOptions, 'onStatus' | 'signal'> = {
  silenceMs: 40_000,
  deadlineMs: 60 * 60_000,
  pollMinMs: 500,
  pollMaxMs: 5_000,
  streamFailuresBeforePolling: 3,
  streamRetryAfterMs: 30_000,
};

type StreamEnd = { kind: 'completed'; status: QueueStatus } | { kind: 'ended'; events: number } | { kind: 'unsupported' };

export async function watchUntilCompleted(ctx: QueueCtx, statusUrl: string, o: WatchOptions): Promise<QueueStatus> {
  const started = Date.now();
  const deadline = started + o.deadlineMs;
  let failures = 0;
  let streamUsable = true;
  let pollingSince = 0;
  let pollDelay = o.pollMinMs;
  let lastState = '';
  for (;;) {
    if (o.signal?.aborted) throw abortError();
    if (Date.now() > deadline)
      throw new FalError(
        'timeout',
        `Stopped watching after ${Math.round(o.deadlineMs / 60000)} min; the job may still finish — resume it later.`,
      );
    const tryStream = streamUsable && (failures < o.streamFailuresBeforePolling || Date.now() - pollingSince > o.streamRetryAfterMs);
    if (tryStream) {
      let end: StreamEnd;
      try {
        end = await streamOnce(ctx, statusUrl, o, deadline);
      } catch (e) {
        if (isAbort(e, o.signal)) throw abortError();
        if (e instanceof FalError && !e.retryable && e.kind !== 'network' && e.kind !== 'http' && e.kind !== 'protocol') throw e;
        ctx.http.log.debug(`Status stream failed: ${errorText(e)}`);
        end = { kind: 'ended', events: 0 };
      }
      if (end.kind === 'completed') return end.status;
      if (end.kind === 'unsupported') {
        streamUsable = false;
        continue;
      }
      failures = end.events > 0 ? 0 : failures + 1;
      if (failures >= o.streamFailuresBeforePolling) {
        pollingSince = Date.now();
        ctx.http.log.info('Status stream keeps failing; polling instead.');
      } else {
        await sleep(Math.min(backoffMs(failures, { ...ctx.policy, baseDelayMs: 100, maxDelayMs: 2000 }), 2000), o.signal);
        continue;
      }
    }
    let s: QueueStatus;
    try {
      s = await getStatus(ctx, statusUrl, o.signal);
    } catch (e) {
      if (isAbort(e, o.signal)) throw abortError();
      // An unknown request, a refused key, a redirect loop, unreadable headers or a status URL that
      // keeps timing out: more polling cannot help, so the watch ends and says why.
      if (stopsTheWatch(e)) throw e;
      ctx.http.log.warn(`Status poll failed, will keep trying: ${errorText(e)}`);
      await sleep(pollDelay, o.signal);
      pollDelay = Math.min(pollDelay * 2, o.pollMaxMs);
      continue;
    }
    o.onStatus(s, 'poll');
    if (s.status === 'COMPLETED') return s;
    pollDelay = s.status !== lastState ? o.pollMinMs : Math.min(pollDelay * 1.5, o.pollMaxMs);
    lastState = s.status;
    await sleep(pollDelay, o.signal);
  }
}

async function streamOnce(ctx: QueueCtx, statusUrl: string, o: WatchOptions, deadline: number): Promise<StreamEnd> {
  const u = new URL(statusUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/stream`;
  u.searchParams.set('logs', '1');
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let silence: NodeJS.Timeout | undefined;
  let silent = false;
  let events = 0;
  const arm = () => {
    clearTimeout(silence);
    silence = setTimeout(
      () => {
        silent = true;
        ac.abort();
      },
      Math.min(o.silenceMs, Math.max(1, deadline - Date.now())),
    );
  };
  try {
    arm();
    const res = await ctx.http.request({
      url: u.toString(),
      method: 'GET',
      auth: true,
      headers: { accept: 'text/event-stream' },
      signal: ac.signal,
      bodyTimeout: 0,
    });
    if (res.statusCode === 404) {
      await res.body.dump();
      // Could be a server without streaming: confirm with a plain status call, which 404s too if the id is unknown.
      await getStatus(ctx, statusUrl, o.signal);
      return { kind: 'unsupported' };
    }
    if (res.statusCode === 405 || res.statusCode === 501) {
      await res.body.dump();
      return { kind: 'unsupported' };
    }
    if (res.statusCode !== 200) {
      throw await errorFrom(ctx, res, 'Status stream', [...ctx.policy.retryStatuses, 500]);
    }
    if (!String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      await res.body.dump();
      return { kind: 'unsupported' };
    }
    let completed: QueueStatus | undefined;
    let bad: Error | undefined;
    const parser = createParser({
      onEvent: ev => {
        if (completed) return;
        let data: unknown;
        try {
          data = JSON.parse(ev.data);
        } catch {
          bad = new FalError('protocol', 'Status stream: an event is not JSON');
          return;
        }
        const parsed = QueueStatus.safeParse(data);
        if (!parsed.success) return;
        events++;
        o.onStatus(parsed.data, 'stream');
        if (parsed.data.status === 'COMPLETED') completed = parsed.data;
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body) {
      arm();
      parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
      if (completed) {
        res.body.destroy();
        return { kind: 'completed', status: completed };
      }
      if (bad) throw bad;
    }
    return { kind: 'ended', events };
  } catch (e) {
    if (silent && !o.signal?.aborted) {
      ctx.http.log.debug('Status stream went silent; reconnecting.');
      return { kind: 'ended', events };
    }
    throw e;
  } finally {
    clearTimeout(silence);
    o.signal?.removeEventListener('abort', onAbort);
  }
}
