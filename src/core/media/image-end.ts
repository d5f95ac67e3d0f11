// A header can be whole while the rest of the image is missing (an interrupted copy, download or
// export). image-size reads headers only, so such a file would pass, be uploaded and paid for, and
// fail at fal. These checks are structural and cheap: the tail of the file, and for JPEG the
// segment headers up to the first scan. They say why a file cannot be decoded, or undefined.
import * as l10n from '@vscode/l10n';
import type { FileAccess } from './files';

const PNG_IEND = Uint8Array.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
// Encoders write IEND last; a few tools append data after it, which decoders ignore.
const PNG_TAIL = 64 * 1024;
// Enough for a normal JPEG's end; a motion photo carries a whole video after its EOI, so the
// search walks back further (images are at most a few MB, checked before the probe).
const JPEG_WINDOW = 256 * 1024;
const JPEG_MAX_SEGMENTS = 4096;

function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

async function pngEnd(files: FileAccess, path: string, size: number): Promise<string | undefined> {
  const n = Math.min(size, PNG_TAIL);
  const tail = await files.read(path, size - n, n);
  return lastIndexOf(tail, PNG_IEND) < 0 ? l10n.t('a truncated PNG image that cannot be decoded (no IEND chunk at its end)') : undefined;
}

/** Offset of the first start-of-scan marker, walking the segment headers; undefined when there is none. */
async function jpegScanStart(files: FileAccess, path: string, size: number, head: Uint8Array): Promise<number | undefined> {
  let pos = 2;
  for (let i = 0; i < JPEG_MAX_SEGMENTS && pos + 4 <= size; i++) {
    // The header bytes already read usually hold every segment up to the scan.
    const b = pos + 4 <= head.length ? head.subarray(pos, pos + 4) : await files.read(path, pos, 4);
    if (b.length < 4) return undefined;
    const marker = b[1]!;
    if (b[0] !== 0xff || marker === 0xff) {
      pos += 1; // stray bytes between segments, or fill bytes before a marker: decoders skip them
    } else if (marker === 0xda) {
      return pos;
    } else if (marker === 0xd9) {
      return undefined; // end of image before any scan
    } else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2; // markers without a length
    } else {
      pos += 2 + ((b[2]! << 8) | b[3]!);
    }
  }
  return undefined;
}

async function jpegEnd(files: FileAccess, path: string, size: number, head: Uint8Array): Promise<string | undefined> {
  const scan = await jpegScanStart(files, path, size, head);
  if (scan === undefined) return l10n.t('a truncated JPEG image that cannot be decoded (no scan data after its header)');
  // Inside scan data 0xFF is always followed by 0x00 or a restart marker, so an FFD9 after the
  // scan start is the end-of-image marker.
  const eoi = Uint8Array.from([0xff, 0xd9]);
  for (let end = size; end > scan; end -= JPEG_WINDOW - 1) {
    const start = Math.max(scan, end - JPEG_WINDOW);
    if (lastIndexOf(await files.read(path, start, end - start), eoi) >= 0) return undefined;
    if (start === scan) break;
  }
  return l10n.t('a truncated JPEG image that cannot be decoded (no end-of-image marker after its scan data)');
}

function webpEnd(head: Uint8Array, size: number): string | undefined {
  if (head.length < 8) return undefined;
  const riffSize = (head[4]! | (head[5]! << 8) | (head[6]! << 16) | (head[7]! << 24)) >>> 0;
  // Shorter than the RIFF header says: cut. Longer is trailing data, which decoders ignore.
  return size < riffSize + 8
    ? l10n.t('a truncated WebP image that cannot be decoded ({0} of the {1} bytes its RIFF header announces)', size, riffSize + 8)
    : undefined;
}

/** Why an image of `type` (image-size's name) cannot be decoded for its structure; undefined when it looks whole. */
export async function truncatedImage(
  files: FileAccess,
  path: string,
  size: number,
  type: string,
  head: Uint8Array,
): Promise<string | undefined> {
  switch (type) {
    case 'png':
      return pngEnd(files, path, size);
    case 'jpg':
      return jpegEnd(files, path, size, head);
    case 'webp':
      return webpEnd(head, size);
    default:
      return undefined;
  }
}
