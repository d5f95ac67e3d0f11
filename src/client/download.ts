// Clip download: streamed to a temp file beside the target (same folder, so the final rename is
// atomic), size checked against Content-Length/Content-Range and the result's file_size, sha256
// computed on the way, then renamed. After a cut it resumes from the bytes on disk with a Range
// request, also across processes (the temp name is derived from the take id). Never sends the key.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, truncate, unlink } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { abortError, FalError, isAbort } from './errors';
import { header, stripQuery } from './http';
import type { QueueCtx } from './queue';
import { isTransientNetworkError, parseRetryAfter, RetryableStatus, withRetry } from './retry';

export interface DownloadOptions {
  url: string;
  target: string;
  /** Temp file beside the target; stable per take so another process can resume it. */
  tempPath: string;
  expectedSize?: number | undefined;
  signal?: AbortSignal | undefined;
  onBytes?: ((received: number, total: number | undefined) => void) | undefined;
}

export interface Downloaded { sha256: string; bytes: number; contentType?: string | undefined }

async function sizeOf(path: string): Promise<number> {
  try { return (await stat(path)).size; } catch { return 0; }
}

async function hashPrefix(path: string, bytes: number): Promise<Hash> {
  const h = createHash('sha256');
  if (bytes > 0) await pipeline(createReadStream(path, { end: bytes - 1, highWaterMark: 1024 * 1024 }), h, { end: false });
  return h;
}

export async function downloadVerified(ctx: QueueCtx, o: DownloadOptions): Promise<Downloaded> {
  let contentType: string | undefined;
  let progressMade = false;
  const result = await withRetry(async (): Promise<{ sha256: string; bytes: number }> => {
    let offset = await sizeOf(o.tempPath);
    if (o.expectedSize !== undefined && offset > o.expectedSize) { await truncate(o.tempPath, 0); offset = 0; }
    const res = await ctx.http.request({ url: o.url, method: 'GET', auth: false, signal: o.signal,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {} });
    const st = res.statusCode;
    if (st === 416 && offset > 0) {
      await res.body.dump();
      const total = Number(/\/(\d+)$/.exec(header(res, 'content-range') ?? '')?.[1]);
      if (total === offset) return finish(o, await hashPrefix(o.tempPath, offset), offset);
      await truncate(o.tempPath, 0);
      throw new RetryableStatus(416, 'Download: stale partial file; starting over', 0);
    }
    if (st !== 200 && st !== 206) {
      await res.body.dump();
      if ([408, 429, 500, 502, 503, 504].includes(st)) throw new RetryableStatus(st, `Download: HTTP ${st}`, parseRetryAfter(res.headers['retry-after']));
      throw new FalError('download', `Download of ${stripQuery(o.url)} failed: HTTP ${st}`, { status: st });
    }
    contentType = header(res, 'content-type');
    let start = 0;
    let total: number | undefined;
    if (st === 206) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(res, 'content-range') ?? '');
      if (!m || Number(m[1]) !== offset) { await res.body.dump(); await truncate(o.tempPath, 0); throw new RetryableStatus(206, 'Download: unexpected Content-Range; starting over', 0); }
      start = offset;
      total = m[3] === '*' ? undefined : Number(m[3]);
    } else {
      // Full body: the server ignored the Range (or there was none).
      if (offset > 0) await truncate(o.tempPath, 0);
      const len = header(res, 'content-length');
      total = len === undefined ? undefined : Number(len);
    }
    if (o.expectedSize !== undefined && total !== undefined && total !== o.expectedSize) {
      await res.body.dump();
      throw new FalError('download', `Download: the server announces ${total} bytes but the result says ${o.expectedSize}`);
    }
    const hash = await hashPrefix(o.tempPath, start);
    let received = start;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        received += chunk.length;
        o.onBytes?.(received, total);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(res.body, meter, createWriteStream(o.tempPath, { flags: start > 0 ? 'a' : 'w', highWaterMark: 1024 * 1024 }));
    } catch (e) {
      if (received > start) progressMade = true;
      throw e;
    }
    const onDisk = await sizeOf(o.tempPath);
    const want = total ?? o.expectedSize;
    if (want !== undefined && onDisk !== want) {
      // The body ended early but cleanly (no error): treat as a cut and resume.
      throw Object.assign(new Error(`Download ended at ${onDisk} of ${want} bytes`), { code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' });
    }
    return finish(o, hash, onDisk);
  }, {
    policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal: o.signal,
    retryNetwork: e => isTransientNetworkError(e) || (e as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE',
    progressed: () => { const p = progressMade; progressMade = false; return p; },
    onRetry: (n, ms, e) => ctx.http.log.debug(`Download retry ${n} in ${Math.round(ms)} ms (${progressMade ? 'resuming' : 'again'}): ${(e as Error).message}`),
  }).catch(e => { throw isAbort(e, o.signal) ? abortError() : e; });
  await rename(o.tempPath, o.target);
  return { ...result, contentType };
}

function finish(o: DownloadOptions, hash: Hash, bytes: number): { sha256: string; bytes: number } {
  if (o.expectedSize !== undefined && bytes !== o.expectedSize) throw new FalError('download', `Download: got ${bytes} bytes, the result says ${o.expectedSize}`);
  return { sha256: hash.digest('hex'), bytes };
}

export async function removePartial(tempPath: string): Promise<void> { await unlink(tempPath).catch(() => undefined); }
