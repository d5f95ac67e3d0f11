// The check on a frame the takes panel sends: bytes from a webview are untrusted, so only a
// complete PNG (signature, IHDR first, IEND last) of a plausible size is written to disk.
import * as l10n from '@vscode/l10n';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A frame of a 4K clip as PNG is a few tens of MB at worst; anything larger is not a frame. */
export const PNG_FRAME_MAX_BYTES = 64 * 1024 * 1024;
const MAX_SIDE = 8192;

export type PngFrameCheck = { ok: true; width: number; height: number } | { ok: false; reason: string };

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const tag = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Whether `bytes` is a whole PNG; with `expected`, also that it is that many pixels (the clip's size). */
export function checkPngFrame(bytes: Uint8Array, expected?: { width: number; height: number }): PngFrameCheck {
  // Signature (8) + IHDR chunk (25) + IEND chunk (12): nothing shorter is a PNG.
  if (bytes.length < 45) return { ok: false, reason: l10n.t('{0} bytes is too short to be a PNG image', bytes.length) };
  if (bytes.length > PNG_FRAME_MAX_BYTES) return { ok: false, reason: l10n.t('{0} bytes is too large for one frame', bytes.length) };
  if (SIGNATURE.some((v, i) => bytes[i] !== v)) return { ok: false, reason: l10n.t('not a PNG image (no PNG signature)') };
  if (u32(bytes, 8) !== 13 || tag(bytes, 12) !== 'IHDR') return { ok: false, reason: l10n.t('a PNG without its header chunk') };
  const end = bytes.length - 12;
  if (u32(bytes, end) !== 0 || tag(bytes, end + 4) !== 'IEND') return { ok: false, reason: l10n.t('an incomplete PNG (no end chunk)') };
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
    return { ok: false, reason: l10n.t('a PNG of {0}×{1} pixels, not a plausible video frame', width, height) };
  }
  if (expected && (expected.width !== width || expected.height !== height)) {
    return { ok: false, reason: l10n.t('a {0}×{1} picture, but the clip is {2}×{3}', width, height, expected.width, expected.height) };
  }
  return { ok: true, width, height };
}
