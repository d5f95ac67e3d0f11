// The media a request names, as the simulator reads it to shape its clip: a file it serves itself
// (an upload), a `data:` URI, or a file a server on this machine serves (a test's). It never reaches
// further: offline means offline, so an https URL elsewhere is noted and the clip does without it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { errorText } from '../core';
import type { RgbaImage } from './frames';
import type { SimStorage } from './storage';

/** Bytes in memory, or the path of a file the simulator stores (a video is inspected in place). */
export type MediaBytes = Uint8Array | { path: string };

export interface RequestMedia {
  /** The bytes at `url`, or why there are none (a sentence for the job's log). */
  read(url: string): Promise<MediaBytes | string>;
}

// Kling's own limits are far lower (images 10–30 MB, videos 100 MB): above this it is not a request.
const MAX_BYTES = 512 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function requestMedia(storage: SimStorage): RequestMedia {
  return {
    async read(url) {
      const data = /^data:[^,]*;base64,(.*)$/s.exec(url);
      if (data) return Buffer.from(data[1]!, 'base64');
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return `${url} is not a URL`;
      }
      const own =
        storage.cdnUrl && url.startsWith(`${storage.cdnUrl}/files/`) ? storage.files.get(u.pathname.split('/')[2] ?? '') : undefined;
      if (own) return own.kind === 'buffer' ? own.data : { path: own.path };
      if (!LOOPBACK.has(u.hostname) || !/^https?:$/.test(u.protocol))
        return `${url} was not fetched: the simulator reads only its own files and this machine's servers`;
      try {
        const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
        if (!res.ok) return `${url} answered ${res.status}`;
        if (Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) return `${url} is over ${MAX_BYTES} bytes`;
        return new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        return `${url} could not be read: ${errorText(e)}`;
      }
    },
  };
}

export async function bytesOf(m: MediaBytes): Promise<Uint8Array> {
  if (m instanceof Uint8Array) return m;
  if ((await stat(m.path)).size > MAX_BYTES) throw new Error(`over ${MAX_BYTES} bytes`);
  return readFile(m.path);
}

export interface DecodedImage extends RgbaImage {
  sha256: string;
}

/**
 * A PNG or JPEG decoded to RGBA (pngjs and jpeg-js: pure JS, no native build, and the two formats
 * Kling's examples and Continue from Last Frame use); a sentence when it is neither or is broken.
 */
export function decodeImage(bytes: Uint8Array): DecodedImage | string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, rgba: png.data, sha256 };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 100, maxMemoryUsageInMB: 1024 });
      return { width: img.width, height: img.height, rgba: img.data, sha256 };
    }
    return 'it is neither a PNG nor a JPEG, which is all the simulator decodes';
  } catch (e) {
    return `it could not be decoded: ${errorText(e)}`;
  }
}
