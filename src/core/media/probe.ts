// Read only what the checks need, through the injected FileAccess: image dimensions from the header
// bytes (image-size), that the image is not cut short (image-end), and video duration, dimensions
// and frame rate from the container (FileAccess.video; src/media/mp4.ts for node). When a file is
// not what its field needs, the probe says what it is instead, so the finding (and the editor's
// media card) can name it.
import * as l10n from '@vscode/l10n';
import { imageSize } from 'image-size';
import type { FileAccess, VideoTracks } from './files';
import { truncatedImage } from './image-end';
import { sniffFile } from './sniff';

export type MediaProbe =
  | { kind: 'image'; width: number; height: number; type: string }
  | { kind: 'video'; duration: number; width?: number; height?: number; fps?: number }
  /** A file with sound and no picture (a voice sample); `duration` when it could be read. */
  | { kind: 'audio'; duration?: number }
  /** Zero bytes. */
  | { kind: 'empty' }
  /** Readable, but not the media the field takes; `what` names it ("a GIF image", "a text file"). */
  | { kind: 'wrong-type'; what: string }
  | { kind: 'unreadable'; message: string };

// Most headers sit in the first few KB; a JPEG with a large EXIF block can push the frame header
// further, so retry once with more before giving up.
const HEADER_STEPS = [64 * 1024, 2 * 1024 * 1024];
export async function probeImage(files: FileAccess, path: string, size: number): Promise<MediaProbe> {
  if (size === 0) return { kind: 'empty' };
  let bytes: Uint8Array = new Uint8Array(0);
  for (const step of HEADER_STEPS) {
    bytes = await files.read(path, 0, Math.min(step, size));
    let dim: ReturnType<typeof imageSize> | undefined;
    try {
      dim = imageSize(bytes);
    } catch {
      // Not an image image-size knows, or a header cut short: read more once, then sniff.
    }
    if (dim?.width && dim.height) {
      const type = dim.type ?? 'unknown';
      const cut = await truncatedImage(files, path, size, type, bytes);
      return cut ? { kind: 'wrong-type', what: cut } : { kind: 'image', width: dim.width, height: dim.height, type };
    }
    if (step >= size) break;
  }
  return { kind: 'wrong-type', what: sniffFile(bytes) ?? l10n.t('not an image') };
}

/** The file's tracks, or what it is instead when mediabunny cannot read it (`unreadable` says so in words). */
async function readTracks(
  files: FileAccess,
  path: string,
  size: number,
  unreadable: () => string,
): Promise<VideoTracks | { kind: 'wrong-type'; what: string }> {
  try {
    return await files.video(path, size);
  } catch {
    const head = await files.read(path, 0, Math.min(size, 64 * 1024));
    return { kind: 'wrong-type', what: sniffFile(head) ?? unreadable() };
  }
}

export async function probeVideo(files: FileAccess, path: string, size: number): Promise<MediaProbe> {
  if (size === 0) return { kind: 'empty' };
  const tracks = await readTracks(files, path, size, () => l10n.t('not a video mediabunny can read'));
  if (tracks.kind === 'wrong-type') return tracks;
  if (tracks.kind === 'audio-only') return { kind: 'wrong-type', what: l10n.t('audio only (no video track)') };
  if (tracks.kind === 'no-video') return { kind: 'wrong-type', what: l10n.t('a container with no video track') };
  return tracks;
}

/** A voice sample: audio, or a video whose sound is used; its length either way. */
export async function probeAudio(files: FileAccess, path: string, size: number): Promise<MediaProbe> {
  if (size === 0) return { kind: 'empty' };
  const tracks = await readTracks(files, path, size, () => l10n.t('not an audio file mediabunny can read'));
  if (tracks.kind === 'wrong-type') return tracks;
  if (tracks.kind === 'no-video') return { kind: 'wrong-type', what: l10n.t('a container with no sound') };
  // A video's sound is what fal uses (.mp4/.mov are accepted); its length is the video's.
  return tracks.kind === 'video'
    ? { kind: 'audio', duration: tracks.duration }
    : { kind: 'audio', ...(tracks.duration !== undefined && { duration: tracks.duration }) };
}
