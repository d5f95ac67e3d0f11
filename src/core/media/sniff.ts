// What a file is, from its first bytes, for messages such as "hero.png is a PDF document". Only
// common cases; undefined when nothing matches.
import * as l10n from '@vscode/l10n';
import { imageSize } from 'image-size';

/** Built on use: the names are translated, and only a file of the wrong type needs one. */
const imageNames = (): Record<string, string> => ({
  jpg: l10n.t('a JPEG image'),
  png: l10n.t('a PNG image'),
  webp: l10n.t('a WebP image'),
  gif: l10n.t('a GIF image'),
  bmp: l10n.t('a BMP image'),
  tiff: l10n.t('a TIFF image'),
  svg: l10n.t('an SVG image'),
  heif: l10n.t('a HEIF/HEIC image'),
  avif: l10n.t('an AVIF image'),
  ico: l10n.t('an ICO icon'),
  cur: l10n.t('a cursor file'),
  psd: l10n.t('a Photoshop document'),
  dds: l10n.t('a DDS texture'),
  icns: l10n.t('an ICNS icon'),
  j2c: l10n.t('a JPEG 2000 image'),
  jp2: l10n.t('a JPEG 2000 image'),
  jxl: l10n.t('a JPEG XL image'),
  ktx: l10n.t('a KTX texture'),
  pnm: l10n.t('a PNM image'),
  tga: l10n.t('a TGA image'),
});

export function imageTypeName(type: string): string {
  return imageNames()[type] ?? l10n.t('a {0} image', type.toUpperCase());
}

const ascii = (b: Uint8Array, at: number, s: string) => {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

export function sniffFile(b: Uint8Array): string | undefined {
  if (b.length === 0) return l10n.t('an empty file');
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (/^(heic|heix|mif1|msf1)/.test(brand)) return l10n.t('a HEIF/HEIC image');
    if (brand.startsWith('avif')) return l10n.t('an AVIF image');
    if (brand.startsWith('qt')) return l10n.t('a QuickTime video');
    if (brand.startsWith('M4A')) return l10n.t('an M4A audio file');
    return l10n.t('an MP4 video');
  }
  if (ascii(b, 0, '\x1aE\xdf\xa3')) return l10n.t('a Matroska/WebM video');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI ')) return l10n.t('an AVI video');
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return l10n.t('a WAV audio file');
  if (ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return l10n.t('an MP3 audio file');
  if (ascii(b, 0, '%PDF')) return l10n.t('a PDF document');
  if (ascii(b, 0, 'PK\x03\x04')) return l10n.t('a ZIP archive');
  try {
    const t = imageSize(b).type;
    if (t) return imageTypeName(t);
  } catch {
    // Not an image format image-size knows, or its header is broken.
  }
  if (b[0] === 0xff && b[1] === 0xd8) return l10n.t('a JPEG image that cannot be decoded (no frame header)');
  if (ascii(b, 0, '\x89PNG')) return l10n.t('a PNG image that cannot be decoded (no header)');
  if (looksLikeText(b)) return l10n.t('a text file');
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
