// The one place that opens a video with mediabunny, which reads only the boxes it needs, not the
// media data: checking a downloaded clip, core's media check of a shot file's video (through
// nodeFileAccess), the takes panel's audio codec, the cut exporter and the simulator's sound track.
// mediabunny is imported on first use: in VS Code it is a bundle of its own (dist/mediabunny.js,
// see scripts/build.mjs) that opening a shot file should not evaluate.
import type { Input, InputVideoTrack } from 'mediabunny';
import type { VideoTracks } from '../core';

/** Where the bytes are: a file, a reader over one (core reads through FileAccess), or bytes in memory. */
export type VideoBytes = string | Uint8Array | { size: number; read(start: number, length: number): Promise<Uint8Array> };

/**
 * The containers accepted: a clip fal sends is an MP4 (anything else, an HTML page or garbage, is
 * not the clip); a cut may join QuickTime files too; a shot file's video may be anything mediabunny reads.
 */
export type Containers = 'mp4' | 'mp4-or-mov' | 'any';

/**
 * mediabunny itself, for the code that writes with it (the cut, the simulator's sound): its classes
 * must be the very ones the inputs here were made with, and a second copy (a static import under
 * tsx loads another build of it) would not recognise them.
 */
export const mediabunny = () => import('mediabunny');

/** An input over `from`; the caller disposes it (`withVideo` does). */
export async function openVideo(from: VideoBytes, containers: Containers): Promise<Input> {
  const m = await mediabunny();
  const formats = containers === 'mp4' ? [m.MP4] : containers === 'mp4-or-mov' ? [m.MP4, m.QTFF] : m.ALL_FORMATS;
  const source =
    typeof from === 'string'
      ? new m.FilePathSource(from)
      : from instanceof Uint8Array
        ? new m.BufferSource(from)
        : new m.CustomSource({ getSize: () => from.size, read: (start, end) => from.read(start, end - start) });
  return new m.Input({ source, formats });
}

/** Runs `use` on an input over `from`, and disposes it however `use` ends. */
export async function withVideo<T>(from: VideoBytes, containers: Containers, use: (input: Input) => Promise<T>): Promise<T> {
  const input = await openVideo(from, containers);
  try {
    return await use(input);
  } finally {
    input.dispose();
  }
}

/** The average frame rate over the first `packets` packets; undefined when they do not tell one. */
export async function frameRateOf(track: InputVideoTrack, packets: number): Promise<number | undefined> {
  const stats = await track.computePacketStats(packets);
  return stats.packetCount > 1 && Number.isFinite(stats.averagePacketRate) ? stats.averagePacketRate : undefined;
}

export interface VideoFacts {
  durationSeconds: number;
  width: number;
  height: number;
  codec: string | null;
  /** Only when asked for (it reads packets). */
  fps?: number;
}

/**
 * What the primary video track says (the length from the container's metadata, else computed from
 * its packets); undefined when there is no video track. `fpsPackets`: read the frame rate over that many.
 */
export async function videoFacts(input: Input, fpsPackets?: number): Promise<VideoFacts | undefined> {
  const track = await input.getPrimaryVideoTrack();
  if (!track) return undefined;
  let duration = await input.getDurationFromMetadata();
  if (duration === null || !Number.isFinite(duration)) duration = await input.computeDuration();
  const fps = fpsPackets === undefined ? undefined : await frameRateOf(track, fpsPackets);
  return {
    durationSeconds: duration,
    width: await track.getDisplayWidth(),
    height: await track.getDisplayHeight(),
    codec: track.codec ?? null,
    ...(fps && { fps }),
  };
}

/** The tracks of a shot file's video, for core's media check (nodeFileAccess.video). */
export function videoTracks(from: VideoBytes): Promise<VideoTracks> {
  return withVideo(from, 'any', async input => {
    const v = await videoFacts(input, 120);
    if (v) return { kind: 'video', duration: v.durationSeconds, width: v.width, height: v.height, ...(v.fps && { fps: v.fps }) };
    if (!(await input.getPrimaryAudioTrack())) return { kind: 'no-video' };
    const duration = await input.computeDuration().catch(() => undefined);
    return duration !== undefined && Number.isFinite(duration) ? { kind: 'audio-only', duration } : { kind: 'audio-only' };
  });
}

/** The audio codec of a file ('aac', 'mp3', 'opus', …; 'unknown' when unnamed), null without an audio track. */
export function audioCodecOf(from: VideoBytes): Promise<string | null> {
  return withVideo(from, 'any', async input => {
    const track = await input.getPrimaryAudioTrack();
    return track ? (track.codec ?? 'unknown') : null;
  });
}
