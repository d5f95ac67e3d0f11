// Local file → fal storage URL, the way fal-js does it (initiate → PUT to upload_url → file_url;
// multipart with 10 MB parts above 90 MB), but streamed from disk instead of read into a Blob.
// Only the initiate call goes to the configured storage origin with the key; the PUTs go to the
// signed upload_url without it. The caller opens the file (src/takes' workspace boundary: inside
// the roots, a regular file), and it is hashed and sent from that very handle: a path retargeted
// meanwhile cannot send another file. The client never opens a user's file on its own.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { FalError } from './errors';
import { readJson } from './http';
import { errorFrom, type QueueCtx } from './queue';
import { withRetry } from './retry';
import type { UploadCache } from './upload-cache';
import { errorText } from '../core/error-text';

/** Opens a local file that may be uploaded: src/takes' boundary, handed in by the caller. */
export type MediaOpener = (path: string) => Promise<FileHandle>;

export interface UploadOptions {
  signal?: AbortSignal | undefined;
  contentType?: string | undefined;
  /** Opens the file for reading after checking it may be sent (the caller's boundary); the upload closes it. */
  open: MediaOpener;
}

export interface UploadConfig {
  storageUrl: string;
  multipartThreshold: number;
  partSize: number;
  cache: UploadCache;
}

const Initiated = z.object({ upload_url: z.string().url(), file_url: z.string().url() });
const PartReply = z.object({ partNumber: z.number().optional(), etag: z.string() }).passthrough();

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
};
export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), h, { ...(signal && { signal }) });
  return h.digest('hex');
}

/** sha256 of everything a handle reads, from its first byte (the handle stays open). */
export async function sha256OfHandle(handle: FileHandle, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  await pipeline(fromHandle(handle), h, { ...(signal && { signal }) });
  return h.digest('hex');
}

/**
 * A stream over bytes [start, end] of the handle, read at explicit positions: the handle stays
 * open and unmoved for the next read (a retry, the next part), whatever the consumer does.
 */
function fromHandle(handle: FileHandle, start = 0, end?: number): Readable {
  return Readable.from(
    (async function* () {
      const last = end ?? (await handle.stat()).size - 1;
      for (let pos = start; pos <= last;) {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, last - pos + 1));
        const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) throw new FalError('io', 'The file got shorter while it was being uploaded.');
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    })(),
    { objectMode: false },
  );
}
const CHUNK = 1024 * 1024;

export async function uploadFile(ctx: QueueCtx, cfg: UploadConfig, path: string, o: UploadOptions): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await o.open(path);
  } catch (e) {
    throw new FalError('io', errorText(e) || `Cannot read ${basename(path)}`, { cause: e });
  }
  try {
    return await uploadFromHandle(ctx, cfg, path, handle, o);
  } finally {
    await handle.close();
  }
}

async function uploadFromHandle(ctx: QueueCtx, cfg: UploadConfig, path: string, handle: FileHandle, o: UploadOptions): Promise<string> {
  const size = (await handle.stat()).size;
  const sha = await sha256OfHandle(handle, o.signal);
  const origin = new URL(cfg.storageUrl).origin;
  const cached = await cfg.cache.get(origin, sha, size);
  if (cached) {
    ctx.http.log.debug(`Upload of ${basename(path)} skipped: unchanged since ${cached}`);
    return cached;
  }
  const contentType = o.contentType ?? contentTypeFor(path);
  const multipart = size > cfg.multipartThreshold;
  const init = await initiate(ctx, cfg, multipart, contentType, basename(path), o.signal);
  if (multipart) await putMultipart(ctx, cfg, init.upload_url, handle, size, o.signal);
  else await putWhole(ctx, init.upload_url, handle, size, contentType, o.signal);
  await cfg.cache.set(origin, sha, size, init.file_url);
  ctx.http.log.info(`Uploaded ${basename(path)} (${size} bytes${multipart ? ', multipart' : ''})`);
  return init.file_url;
}

async function initiate(ctx: QueueCtx, cfg: UploadConfig, multipart: boolean, contentType: string, fileName: string, signal?: AbortSignal) {
  const url = `${cfg.storageUrl.replace(/\/+$/, '')}/storage/upload/${multipart ? 'initiate-multipart' : 'initiate'}?storage_type=fal-cdn-v3`;
  // Initiating only reserves a URL: repeating it costs nothing, so it gets the read budget.
  return withRetry(
    async () => {
      const res = await ctx.http.request({
        url,
        method: 'POST',
        auth: true,
        signal,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ content_type: contentType, file_name: fileName }),
      });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const p = Initiated.safeParse(await readJson(res));
        if (!p.success) throw new FalError('protocol', 'Upload: initiate reply has no upload_url/file_url');
        return p.data;
      }
      throw await errorFrom(ctx, res, 'Upload initiate', ctx.policy.retryStatuses);
    },
    { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
  );
}

async function putWhole(
  ctx: QueueCtx,
  uploadUrl: string,
  handle: FileHandle,
  size: number,
  contentType: string,
  signal?: AbortSignal,
): Promise<void> {
  await withRetry(
    async () => {
      const res = await ctx.http.request({
        url: uploadUrl,
        method: 'PUT',
        auth: false,
        signal,
        headers: { 'content-type': contentType, 'content-length': String(size) },
        body: size === 0 ? '' : fromHandle(handle, 0, size - 1),
      });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        await res.body.dump();
        return;
      }
      throw await errorFrom(ctx, res, 'Upload PUT', ctx.policy.retryStatuses);
    },
    { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
  );
}

async function putMultipart(
  ctx: QueueCtx,
  cfg: UploadConfig,
  uploadUrl: string,
  handle: FileHandle,
  size: number,
  signal?: AbortSignal,
): Promise<void> {
  const u = new URL(uploadUrl);
  const at = (suffix: string) => `${u.origin}${u.pathname.replace(/\/+$/, '')}/${suffix}${u.search}`;
  const parts: { partNumber: number; etag: string }[] = [];
  const count = Math.ceil(size / cfg.partSize);
  for (let i = 0; i < count; i++) {
    const start = i * cfg.partSize,
      end = Math.min(size, start + cfg.partSize) - 1;
    const partNumber = i + 1;
    const etag = await withRetry(
      async () => {
        const res = await ctx.http.request({
          url: at(String(partNumber)),
          method: 'PUT',
          auth: false,
          signal,
          headers: { 'content-length': String(end - start + 1) },
          body: fromHandle(handle, start, end),
        });
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const body = PartReply.safeParse(await readJson(res));
          const etag = body.success ? body.data.etag : res.headers.etag;
          if (typeof etag !== 'string') throw new FalError('protocol', `Upload part ${partNumber}: no etag in the reply`);
          return etag;
        }
        throw await errorFrom(ctx, res, `Upload part ${partNumber}`, ctx.policy.retryStatuses);
      },
      { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
    );
    parts.push({ partNumber, etag });
  }
  await withRetry(
    async () => {
      const res = await ctx.http.request({
        url: at('complete'),
        method: 'POST',
        auth: false,
        signal,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parts }),
      });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        await res.body.dump();
        return;
      }
      throw await errorFrom(ctx, res, 'Upload complete', ctx.policy.retryStatuses);
    },
    { policy: ctx.policy, maxRetries: ctx.policy.readMaxRetries, signal },
  );
}
