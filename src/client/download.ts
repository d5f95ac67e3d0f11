// Clip download: streamed to a temp file beside the target (same folder, so the final rename is
// atomic), size checked against Content-Length/Content-Range and the result's file_size, sha256
// computed on the way, then checked to be an MP4 with a video track, then renamed. After a cut it
// resumes from the bytes on disk with a Range request, also across processes (the temp name is
// derived from the take id). Never sends the key; redirects are followed by HttpClient.download.
//
// Each chunk is written to the file synchronously as it arrives (into the page cache), and hashed
// while it is still in the CPU cache, so memory stays flat and a cut loses nothing that arrived:
// the next Range starts exactly where the file ends.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { rename, stat, truncate, unlink } from 'node:fs/promises';
import { inspectClip } from '../media/inspect-clip';
import { abortError, FalError, isAbort } from './errors';
import { MAX_REDIRECTS, stripQuery, type BodySink } from './http';
import type { QueueCtx } from './queue';
import { isTransientNetworkError, parseRetryAfter, RetryableStatus, withRetry } from './retry';
import { errorText } from '../core/error-text';

export interface DownloadOptions {
  url: string;
  target: string;
  /** Temp file beside the target; stable per take so another process can resume it. */
  tempPath: string;
  expectedSize?: number | undefined;
  signal?: AbortSignal | undefined;
  onBytes?: ((received: number, total: number | undefined) => void) | undefined;
}

export interface Downloaded {
  sha256: string;
  bytes: number;
  contentType?: string | undefined;
  /** What the container says; the clip was checked to be an MP4 with a video track. */
  video: { durationSeconds: number; width: number; height: number };
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** A hash already fed with the first `bytes` of the partial file. */
async function hashPrefix(path: string, bytes: number): Promise<Hash> {
  const h = createHash('sha256');
  if (bytes > 0) for await (const c of createReadStream(path, { end: bytes - 1, highWaterMark: 1024 * 1024 })) h.update(c as Buffer);
  return h;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const retryable = (e: unknown) => isTransientNetworkError(e) || (e as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';

/** A page (an error page, a login wall) where the clip should be: nothing to write over a partial. */
const isTextAnswer = (contentType: string | undefined) => contentType !== undefined && /^\s*text\//i.test(contentType);

export async function downloadVerified(ctx: QueueCtx, o: DownloadOptions): Promise<Downloaded> {
  let contentType: string | undefined;
  // The retry budget counts attempts that got no further than the furthest byte ever on disk, so
  // a server that always cuts at the same byte (or ignores Range and cuts early) cannot loop forever.
  let furthest = await sizeOf(o.tempPath);
  let progressMade = false;
  let requests = 0;
  let stalled = 0; // failed attempts in a row that got no further
  const advance = (reached: number) => {
    if (reached > furthest) {
      furthest = reached;
      progressMade = true;
    }
  };
  const result = await withRetry(
    async (): Promise<{ sha256: string; bytes: number }> => {
      let offset = await sizeOf(o.tempPath);
      if (o.expectedSize !== undefined && offset > o.expectedSize) {
        await truncate(o.tempPath, 0);
        offset = 0;
      }
      const prefix = await hashPrefix(o.tempPath, offset);
      let status = 0;
      let outcome = 'error' as 'body' | 'error';
      let hash = prefix;
      let start = 0;
      let total: number | undefined;
      let received = 0;
      let rangeTotal: number | undefined;
      let retryAfter: number | undefined;
      let problem: Error | undefined;
      const discard: BodySink = { write() {} };
      let fd: number | undefined;
      requests++;
      try {
        await ctx.http.download({ url: o.url, signal: o.signal, headers: offset > 0 ? { range: `bytes=${offset}-` } : {} }, res => {
          status = res.statusCode;
          retryAfter = parseRetryAfter(res.headers['retry-after']);
          const cr = one(res.headers['content-range']);
          if (status === 416) {
            rangeTotal = Number(/\/(\d+)$/.exec(cr ?? '')?.[1]);
            return discard;
          }
          if (status !== 200 && status !== 206) return discard;
          contentType = one(res.headers['content-type']);
          if (isTextAnswer(contentType)) {
            const len = one(res.headers['content-length']);
            problem = new FalError(
              'download',
              `The clip URL ${stripQuery(o.url)} answered HTTP ${status} ${ctx.http.redactor.redact(contentType ?? '')}` +
                `${len === undefined ? '' : ` (${len} bytes)`} instead of a video; nothing was kept.`,
              { status },
            );
            return discard;
          }
          if (status === 206) {
            const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(cr ?? '');
            if (!m || Number(m[1]) !== offset) {
              problem = new RetryableStatus(206, 'Download: unexpected Content-Range; starting over', 0);
              return discard;
            }
            start = offset;
            total = m[3] === '*' ? undefined : Number(m[3]);
          } else {
            // Full body: the server ignored the Range (or there was none).
            start = 0;
            if (offset > 0) hash = createHash('sha256');
            const len = one(res.headers['content-length']);
            total = len === undefined ? undefined : Number(len);
          }
          if (o.expectedSize !== undefined && total !== undefined && total !== o.expectedSize) {
            problem = new FalError('download', `Download: the server announces ${total} bytes but the result says ${o.expectedSize}`);
            return discard;
          }
          outcome = 'body';
          received = start;
          const file = (fd = openSync(o.tempPath, start > 0 ? 'a' : 'w'));
          return {
            write(chunk) {
              for (let off = 0; off < chunk.length;) off += writeSync(file, chunk, off);
              received += chunk.length;
              hash.update(chunk);
              o.onBytes?.(received, total);
            },
          };
        });
      } catch (e) {
        advance(received);
        throw e;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      if (problem) {
        // A 206 that does not fit the partial file makes it worthless; a page instead of the clip does not.
        if (status === 206 && !isTextAnswer(contentType)) await truncate(o.tempPath, 0);
        throw problem;
      }
      if (status === 416 && offset > 0) {
        if (rangeTotal === offset) return { sha256: finish(o, prefix, offset), bytes: offset };
        await truncate(o.tempPath, 0);
        throw new RetryableStatus(416, 'Download: stale partial file; starting over', 0);
      }
      if (outcome !== 'body') {
        if ([408, 429, 500, 502, 503, 504].includes(status)) throw new RetryableStatus(status, `Download: HTTP ${status}`, retryAfter);
        if (status >= 300 && status < 400)
          throw new FalError('download', `Download of ${stripQuery(o.url)} failed: more than ${MAX_REDIRECTS} redirects (HTTP ${status})`, {
            status,
          });
        throw new FalError('download', `Download of ${stripQuery(o.url)} failed: HTTP ${status}`, { status });
      }
      const onDisk = await sizeOf(o.tempPath);
      const want = total ?? o.expectedSize;
      if (want !== undefined && onDisk !== want) {
        advance(onDisk);
        // The body ended early but cleanly (no error): treat as a cut and resume.
        throw Object.assign(new Error(`Download ended at ${onDisk} of ${want} bytes`), { code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' });
      }
      return { sha256: finish(o, hash, onDisk), bytes: onDisk };
    },
    {
      policy: ctx.policy,
      maxRetries: ctx.policy.readMaxRetries,
      signal: o.signal,
      retryNetwork: retryable,
      progressed: () => {
        const p = progressMade;
        progressMade = false;
        stalled = p ? 0 : stalled + 1;
        return p;
      },
      onRetry: (n, ms, e) => ctx.http.log.debug(`Download retry ${n} in ${Math.round(ms)} ms: ${errorText(e)}`),
    },
  ).catch(async e => {
    if (isAbort(e, o.signal)) throw abortError();
    if (e instanceof FalError && !(e instanceof RetryableStatus)) throw e;
    // The retry budget is spent, or the disk failed: keep the partial file for a later resume.
    const have = await sizeOf(o.tempPath);
    const of = o.expectedSize === undefined ? '' : ` of ${o.expectedSize}`;
    const why = ctx.http.redactor.redact(errorText(e));
    const spent = e instanceof RetryableStatus || retryable(e);
    throw new FalError(
      'download',
      `Download of ${stripQuery(o.url)} stopped at ${have}${of} bytes: ` +
        (spent ? `${requests} requests, the last ${stalled} without getting past byte ${furthest} (${why}). ` : `${why}. `) +
        'The take is kept and can be resumed later.',
      { retryable: true, cause: e, ...(e instanceof FalError && e.status !== undefined && { status: e.status }) },
    );
  });
  const clip = await inspectClip(o.tempPath);
  if (!clip.ok) {
    // A complete file that is not the clip: resuming from it would only fetch the same bytes again.
    await unlink(o.tempPath).catch(() => {});
    const type = contentType === undefined ? '' : `, ${ctx.http.redactor.redact(contentType)}`;
    throw new FalError(
      'download',
      `The file at ${stripQuery(o.url)} is ${clip.reason} (${result.bytes} bytes${type}); it was not kept. The take can be resumed later.`,
    );
  }
  await rename(o.tempPath, o.target);
  return {
    ...result,
    contentType,
    video: { durationSeconds: clip.durationSeconds, width: clip.width, height: clip.height },
  };
}

function finish(o: DownloadOptions, hash: Hash, bytes: number): string {
  if (o.expectedSize !== undefined && bytes !== o.expectedSize)
    throw new FalError('download', `Download: got ${bytes} bytes, the result says ${o.expectedSize}`);
  return hash.digest('hex');
}
