// fal storage as the simulator serves it: upload initiate (+ multipart), the signed PUT targets and
// the CDN that serves files (with Range). Uploaded bytes go to a temp directory, never memory, so a
// 1 GiB file costs nothing but disk.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FaultDice } from './faults';
import { parseRange, sendJson } from './http-util';

export type StoredFile =
  | { kind: 'buffer'; id: string; fileName: string; contentType: string; size: number; sha256: string; data: Buffer }
  | { kind: 'disk'; id: string; fileName: string; contentType: string; size: number; sha256: string; path: string };

interface PendingUpload {
  token: string;
  signature: string;
  fileId: string;
  fileName: string;
  contentType: string;
  multipart: boolean;
  parts: Map<number, { path: string; size: number; etag: string }>;
}

export interface StorageStats {
  initiates: number;
  multipartInitiates: number;
  puts: number;
  partPuts: number;
  completes: number;
  fileGets: number;
  bytesServed: number;
  truncated: number;
}

export class SimStorage {
  readonly files = new Map<string, StoredFile>();
  private readonly pending = new Map<string, PendingUpload>();
  readonly stats: StorageStats = {
    initiates: 0,
    multipartInitiates: 0,
    puts: 0,
    partPuts: 0,
    completes: 0,
    fileGets: 0,
    bytesServed: 0,
    truncated: 0,
  };
  cdnUrl = '';

  constructor(
    readonly dir: string,
    private readonly dice: FaultDice,
  ) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  fileUrl(f: StoredFile): string {
    return `${this.cdnUrl}/files/${f.id}/${encodeURIComponent(f.fileName)}`;
  }

  addBuffer(data: Buffer, fileName: string, contentType: string, sha256?: string): StoredFile {
    const f: StoredFile = {
      kind: 'buffer',
      id: randomUUID(),
      fileName,
      contentType,
      size: data.length,
      data,
      sha256: sha256 ?? createHash('sha256').update(data).digest('hex'),
    };
    this.files.set(f.id, f);
    return f;
  }

  /** Serves an existing file from disk (benchmarks use this for a 1 GiB file); hashes it once. */
  async addDiskFile(path: string, fileName: string, contentType: string): Promise<StoredFile> {
    const h = createHash('sha256');
    await pipeline(createReadStream(path), h);
    const f: StoredFile = {
      kind: 'disk',
      id: randomUUID(),
      fileName,
      contentType,
      size: (await stat(path)).size,
      path,
      sha256: h.digest('hex'),
    };
    this.files.set(f.id, f);
    return f;
  }

  /** POST /storage/upload/initiate[-multipart] (auth already checked by the caller). */
  initiate(body: unknown, multipart: boolean, res: ServerResponse): void {
    const b = (body ?? {}) as { content_type?: unknown; file_name?: unknown };
    if (typeof b.content_type !== 'string' || b.content_type === '') {
      sendJson(res, 422, { detail: [{ loc: ['body', 'content_type'], msg: 'field required', type: 'value_error.missing' }] });
      return;
    }
    const fileName = typeof b.file_name === 'string' && b.file_name !== '' ? b.file_name.replace(/[/\\]/g, '_') : `${Date.now()}.bin`;
    const up: PendingUpload = {
      token: randomUUID(),
      signature: randomBytes(12).toString('hex'),
      fileId: randomUUID(),
      fileName,
      contentType: b.content_type,
      multipart,
      parts: new Map(),
    };
    this.pending.set(up.token, up);
    if (multipart) this.stats.multipartInitiates++;
    else this.stats.initiates++;
    const kind = multipart ? 'multipart' : 'upload';
    sendJson(res, 200, {
      upload_url: `${this.cdnUrl}/${kind}/${up.token}?X-Sim-Signature=${up.signature}`,
      file_url: `${this.cdnUrl}/files/${up.fileId}/${encodeURIComponent(fileName)}`,
    });
  }

  private pendingFor(token: string, url: URL, multipart: boolean, res: ServerResponse): PendingUpload | undefined {
    const up = this.pending.get(token);
    if (!up || up.multipart !== multipart || url.searchParams.get('X-Sim-Signature') !== up.signature) {
      sendJson(res, 403, { detail: 'Invalid or expired upload URL' });
      return undefined;
    }
    return up;
  }

  /** PUT {cdn}/upload/{token}?sig — the whole file in one body. */
  async put(token: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const up = this.pendingFor(token, url, false, res);
    if (!up) return;
    const path = join(this.dir, up.fileId);
    const h = createHash('sha256');
    let size = 0;
    req.on('data', (c: Buffer) => {
      h.update(c);
      size += c.length;
    });
    await pipeline(req, createWriteStream(path));
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) !== size) {
      await unlink(path).catch(() => {});
      sendJson(res, 400, { detail: 'Incomplete body' });
      return;
    }
    this.pending.delete(token);
    this.files.set(up.fileId, {
      kind: 'disk',
      id: up.fileId,
      fileName: up.fileName,
      contentType: String(req.headers['content-type'] ?? up.contentType),
      size,
      path,
      sha256: h.digest('hex'),
    });
    this.stats.puts++;
    res.writeHead(200, { 'content-length': 0 }).end();
  }

  /** PUT {cdn}/multipart/{token}/{n}?sig → {partNumber, etag}. */
  async putPart(token: string, part: number, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const up = this.pendingFor(token, url, true, res);
    if (!up) return;
    if (!Number.isInteger(part) || part < 1 || part > 10000) {
      sendJson(res, 400, { detail: 'Invalid part number' });
      return;
    }
    const path = join(this.dir, `${up.fileId}.part${part}`);
    const h = createHash('md5');
    let size = 0;
    req.on('data', (c: Buffer) => {
      h.update(c);
      size += c.length;
    });
    await pipeline(req, createWriteStream(path));
    const etag = `"${h.digest('hex')}"`;
    up.parts.set(part, { path, size, etag });
    this.stats.partPuts++;
    sendJson(res, 200, { partNumber: part, etag });
  }

  /** POST {cdn}/multipart/{token}/complete?sig with {parts:[{partNumber, etag}]}. */
  async complete(token: string, url: URL, body: unknown, res: ServerResponse): Promise<void> {
    const up = this.pendingFor(token, url, true, res);
    if (!up) return;
    const parts = (body as { parts?: { partNumber?: unknown; etag?: unknown }[] } | undefined)?.parts;
    if (!Array.isArray(parts) || parts.length === 0) {
      sendJson(res, 400, { detail: 'parts required' });
      return;
    }
    const ordered = [...parts].sort((a, b) => Number(a.partNumber) - Number(b.partNumber));
    for (const [i, p] of ordered.entries()) {
      const got = up.parts.get(Number(p.partNumber));
      if (Number(p.partNumber) !== i + 1 || !got || got.etag !== p.etag) {
        sendJson(res, 400, { detail: `Part ${String(p.partNumber)} missing or etag mismatch` });
        return;
      }
    }
    const path = join(this.dir, up.fileId);
    const out = createWriteStream(path);
    const h = createHash('sha256');
    let size = 0;
    for (const p of ordered) {
      const part = up.parts.get(Number(p.partNumber))!;
      for await (const c of createReadStream(part.path)) {
        h.update(c as Buffer);
        size += (c as Buffer).length;
        if (!out.write(c)) await new Promise<void>(r => out.once('drain', () => r()));
      }
      await unlink(part.path).catch(() => {});
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    this.pending.delete(token);
    this.files.set(up.fileId, {
      kind: 'disk',
      id: up.fileId,
      fileName: up.fileName,
      contentType: up.contentType,
      size,
      path,
      sha256: h.digest('hex'),
    });
    this.stats.completes++;
    sendJson(res, 200, { file_url: `${this.cdnUrl}/files/${up.fileId}/${encodeURIComponent(up.fileName)}` });
  }

  /** GET/HEAD {cdn}/files/{id}/{name} with single-range support. */
  serve(id: string, req: IncomingMessage, res: ServerResponse): void {
    const f = this.files.get(id);
    if (!f) {
      sendJson(res, 404, { detail: 'File not found' });
      return;
    }
    this.stats.fileGets++;
    const faults = this.dice.files;
    if (faults.fileAsHtml) {
      const page = '<html><p>Sorry</p></html>'; // 25 bytes, as a CDN's error page might be
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
      return;
    }
    if (faults.fileCutAtByte !== undefined) {
      // Ignores Range: the whole file is announced every time, and the connection dies at the same byte.
      const cut = Math.min(faults.fileCutAtByte, f.size);
      this.stats.truncated++;
      res.writeHead(200, { 'content-type': f.contentType, 'content-length': f.size });
      const head = f.kind === 'buffer' ? Promise.resolve(f.data.subarray(0, cut)) : readHead(f.path, cut);
      void head.then(
        bytes => {
          this.stats.bytesServed += bytes.length;
          res.write(bytes, () => res.destroy());
        },
        () => res.destroy(),
      );
      return;
    }
    const range = parseRange(req.headers.range, f.size);
    if (range === null) {
      res.writeHead(416, { 'content-range': `bytes */${f.size}` }).end();
      return;
    }
    const start = range?.start ?? 0;
    let end = range?.end ?? f.size - 1;
    const capped = faults.fileRangeCap !== undefined && end - start + 1 > faults.fileRangeCap;
    if (capped) end = start + faults.fileRangeCap! - 1;
    const headers: Record<string, string | number> = {
      'content-type': f.contentType,
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      etag: `"${f.sha256.slice(0, 32)}"`,
      'cache-control': 'public, max-age=3600',
    };
    if (range || capped) headers['content-range'] = `bytes ${start}-${end}/${f.size}`;
    res.writeHead(range || capped ? 206 : 200, headers);
    if (req.method === 'HEAD' || f.size === 0) {
      res.end();
      return;
    }
    const truncate = end - start > 1 && this.dice.truncate();
    const last = truncate ? start + Math.floor((end - start + 1) / 2) - 1 : end;
    if (truncate) this.stats.truncated++;
    const finish = () => {
      if (truncate) res.destroy();
      else res.end();
    };
    if (f.kind === 'buffer') {
      this.stats.bytesServed += last - start + 1;
      res.write(f.data.subarray(start, last + 1), finish);
      return;
    }
    const rs = createReadStream(f.path, { start, end: last, highWaterMark: 256 * 1024 });
    rs.on('data', c => {
      this.stats.bytesServed += (c as Buffer).length;
      if (!res.write(c)) rs.pause();
    });
    res.on('drain', () => rs.resume());
    res.on('close', () => rs.destroy());
    rs.on('end', finish);
    rs.on('error', () => res.destroy());
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
