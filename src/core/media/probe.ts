// Read only what the checks need: image dimensions from the header bytes (image-size) and video
// duration/dimensions from the container metadata (mediabunny), through the injected FileAccess.
import { imageSize } from 'image-size';
import { ALL_FORMATS, CustomSource, Input } from 'mediabunny';
import type { FileAccess } from './files';

export type MediaProbe =
  | { kind: 'image'; width: number; height: number; type: string }
  | { kind: 'video'; duration: number; width?: number; height?: number }
  | { kind: 'unreadable'; message: string };

// Most headers sit in the first few KB; a JPEG with a large EXIF block can push the frame header
// further, so retry once with more before giving up.
const HEADER_STEPS = [64 * 1024, 2 * 1024 * 1024];

export async function probeImage(files: FileAccess, path: string, size: number): Promise<MediaProbe> {
  let lastError = 'unknown format';
  for (const step of HEADER_STEPS) {
    const bytes = await files.read(path, 0, Math.min(step, size));
    try {
      const dim = imageSize(bytes);
      if (dim.width && dim.height) return { kind: 'image', width: dim.width, height: dim.height, type: dim.type ?? 'unknown' };
      lastError = 'no dimensions in the header';
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (step >= size) break;
  }
  return { kind: 'unreadable', message: `not a readable image (${lastError})` };
}

export async function probeVideo(files: FileAccess, path: string, size: number): Promise<MediaProbe> {
  if (size === 0) return { kind: 'unreadable', message: 'empty file' };
  const input = new Input({
    formats: ALL_FORMATS,
    source: new CustomSource({ getSize: () => size, read: (start, end) => files.read(path, start, end - start) }),
  });
  try {
    let duration = await input.getDurationFromMetadata();
    if (duration === null || !Number.isFinite(duration)) duration = await input.computeDuration();
    const track = await input.getPrimaryVideoTrack();
    if (!track) return { kind: 'unreadable', message: 'no video track' };
    return { kind: 'video', duration, width: await track.getDisplayWidth(), height: await track.getDisplayHeight() };
  } catch (err) {
    return { kind: 'unreadable', message: `not a readable video (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    input.dispose();
  }
}
