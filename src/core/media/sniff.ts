// What a file is, from its first bytes, for messages such as "hero.png is a PDF document". Only
// common cases; undefined when nothing matches.
import { imageSize } from 'image-size';

const IMAGE_NAMES: Record<string, string> = {
  jpg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  gif: 'a GIF image',
  bmp: 'a BMP image',
  tiff: 'a TIFF image',
  svg: 'an SVG image',
  heif: 'a HEIF/HEIC image',
  avif: 'an AVIF image',
  ico: 'an ICO icon',
  cur: 'a cursor file',
  psd: 'a Photoshop document',
  dds: 'a DDS texture',
  icns: 'an ICNS icon',
  j2c: 'a JPEG 2000 image',
  jp2: 'a JPEG 2000 image',
  jxl: 'a JPEG XL image',
  ktx: 'a KTX texture',
  pnm: 'a PNM image',
  tga: 'a TGA image',
};

export function imageTypeName(type: string): string {
  return IMAGE_NAMES[type] ?? `a ${type.toUpperCase()} image`;
}

const ascii = (b: Uint8Array, at: number, s: string) => {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

export function sniffFile(b: Uint8Array): string | undefined {
  if (b.length === 0) return 'an empty file';
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (/^(heic|heix|mif1|msf1)/.test(brand)) return 'a HEIF/HEIC image';
    if (brand.startsWith('avif')) return 'an AVIF image';
    if (brand.startsWith('qt')) return 'a QuickTime video';
    if (brand.startsWith('M4A')) return 'an M4A audio file';
    return 'an MP4 video';
  }
  if (ascii(b, 0, '\x1aE\xdf\xa3')) return 'a Matroska/WebM video';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return 'an AVI video';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'a WAV audio file';
  if (ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return 'an MP3 audio file';
  if (ascii(b, 0, '%PDF')) return 'a PDF document';
  if (ascii(b, 0, 'PK\x03\x04')) return 'a ZIP archive';
  try {
    const t = imageSize(b).type;
    if (t) return imageTypeName(t);
  } catch {
    // Not an image format image-size knows, or its header is broken.
  }
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image that cannot be decoded (no frame header)';
  if (ascii(b, 0, '\x89PNG')) return 'a PNG image that cannot be decoded (no header)';
  if (looksLikeText(b)) return 'a text file';
  return undefined;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) return false;
  }
  return true;
}
