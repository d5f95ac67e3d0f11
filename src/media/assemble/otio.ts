// An OpenTimelineIO timeline of the cut (plain JSON, schema names and versions as OpenTimelineIO
// writes them), so editing software can open the cut with each shot as its own clip.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClipProbe } from './probe-clip';

export interface OtioShot {
  /** Shown as the clip's name in the editor, e.g. the shot file's name. */
  name: string;
  clip: ClipProbe;
}

const time = (value: number, rate: number) => ({ OTIO_SCHEMA: 'RationalTime.1', rate, value });
const range = (start: number, duration: number, rate: number) => ({
  OTIO_SCHEMA: 'TimeRange.1',
  duration: time(duration, rate),
  start_time: time(start, rate),
});

function otioClip({ name, clip }: OtioShot) {
  const rate = clip.video.fps;
  const start = Math.round(clip.start * rate);
  const frames = Math.round((clip.end - clip.start) * rate);
  return {
    OTIO_SCHEMA: 'Clip.2',
    metadata: {},
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
        target_url: pathToFileURL(clip.path).href,
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
  };
}

function track(kind: 'Video' | 'Audio', shots: readonly OtioShot[]) {
  return {
    OTIO_SCHEMA: 'Track.1',
    metadata: {},
    name: kind === 'Video' ? 'V1' : 'A1',
    source_range: null,
    effects: [],
    markers: [],
    enabled: true,
    children: shots.map(otioClip),
    kind,
  };
}

export function otioTimeline(name: string, shots: readonly OtioShot[]): object {
  const tracks = [track('Video', shots)];
  if (shots.some(s => s.clip.audio)) tracks.push(track('Audio', shots));
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
