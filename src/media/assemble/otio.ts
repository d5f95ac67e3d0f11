// An OpenTimelineIO timeline of the cut (plain JSON, schema names and versions as OpenTimelineIO
// writes them), so editing software can open the cut with each shot as its own clip. Media paths
// are relative to the .otio file, so a project moved whole keeps its links; each clip's metadata
// says where it came from under "kling" (OTIO's convention: one key per application).
import { basename } from 'node:path';
import { otioTargetUrl } from './media-path';
import type { ClipMeta, TimelineShot } from './timeline-shot';

export type OtioShot = TimelineShot;

const time = (value: number, rate: number) => ({ OTIO_SCHEMA: 'RationalTime.1', rate, value });
const range = (start: number, duration: number, rate: number) => ({
  OTIO_SCHEMA: 'TimeRange.1',
  duration: time(duration, rate),
  start_time: time(start, rate),
});

/** The clip's `metadata.kling`: only what is known, with OTIO's snake_case keys. */
function klingMetadata(meta: ClipMeta | undefined): object {
  if (!meta) return {};
  const kling = {
    ...(meta.prompt !== undefined && { prompt: meta.prompt }),
    ...(meta.endpointId !== undefined && { endpoint: meta.endpointId }),
    ...(meta.takeId !== undefined && { take_id: meta.takeId }),
  };
  return Object.keys(kling).length ? { kling } : {};
}

function otioClip({ name, clip, meta }: OtioShot, otioPath: string) {
  const rate = clip.video.fps;
  const start = Math.round(clip.start * rate);
  const frames = Math.round((clip.end - clip.start) * rate);
  return {
    OTIO_SCHEMA: 'Clip.2',
    metadata: klingMetadata(meta),
    name,
    source_range: range(start, frames, rate),
    effects: [],
    markers: [],
    enabled: true,
    media_references: {
      DEFAULT_MEDIA: {
        OTIO_SCHEMA: 'ExternalReference.1',
        metadata: {},
        name: basename(clip.path),
        available_range: range(start, frames, rate),
        available_image_bounds: null,
        target_url: otioTargetUrl(otioPath, clip.path),
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
  };
}

function track(kind: 'Video' | 'Audio', shots: readonly OtioShot[], otioPath: string) {
  return {
    OTIO_SCHEMA: 'Track.1',
    metadata: {},
    name: kind === 'Video' ? 'V1' : 'A1',
    source_range: null,
    effects: [],
    markers: [],
    enabled: true,
    children: shots.map(s => otioClip(s, otioPath)),
    kind,
  };
}

/** The timeline of the cut, for a file at `otioPath` (its media paths are relative to it). */
export function otioTimeline(name: string, shots: readonly OtioShot[], otioPath: string): object {
  const tracks = [track('Video', shots, otioPath)];
  if (shots.some(s => s.clip.audio)) tracks.push(track('Audio', shots, otioPath));
  return {
    OTIO_SCHEMA: 'Timeline.1',
    metadata: {},
    name,
    global_start_time: null,
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      metadata: {},
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      children: tracks,
    },
  };
}
