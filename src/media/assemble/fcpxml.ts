// An FCPXML 1.10 timeline of the cut for Final Cut Pro (DaVinci Resolve reads it too): one format
// per frame size and rate, one asset per clip file, and one asset-clip per shot in the project's
// spine. Times are rational seconds on the sequence's frame grid ("72/24s"), as FCPXML requires
// edits to fall on frame boundaries; media paths are relative to the .fcpxml file.
import { basename } from 'node:path';
import { fcpxmlMediaUrl } from './media-path';
import type { ClipMeta, TimelineShot } from './timeline-shot';
import type { ClipProbe } from './probe-clip';
import { xmlDocument, type XmlNode } from './xml';

export const FCPXML_VERSION = '1.10';

/** Seconds per frame as a fraction [numerator, denominator]: 1/24, 1001/30000 (29.97), 1/25… */
export function frameDuration(fps: number): [number, number] {
  const rate = fps > 0 ? fps : 24;
  const whole = Math.round(rate);
  if (Math.abs(rate - whole) < 0.01) return [1, whole];
  const ntsc = Math.round(rate * 1.001);
  if (Math.abs(rate - ntsc / 1.001) < 0.01) return [1001, ntsc * 1000];
  const hundredths = Math.round(rate * 100);
  const g = gcd(100, hundredths);
  return [100 / g, hundredths / g];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `frames` frames of `fd` as FCPXML time: "0s", or the unreduced fraction so the frame count shows ("72/24s"). */
export function rationalTime(frames: number, [num, den]: [number, number]): string {
  return frames === 0 ? '0s' : `${frames * num}/${den}s`;
}

const framesOf = (seconds: number, [num, den]: [number, number]) => Math.round((seconds * den) / num);

// The rates the DTD allows for a sequence's audio.
const AUDIO_RATES: Record<number, string> = {
  32000: '32k',
  44100: '44.1k',
  48000: '48k',
  88200: '88.2k',
  96000: '96k',
  176400: '176.4k',
  192000: '192k',
};

function clipNotes(meta: ClipMeta | undefined): XmlNode[] {
  if (!meta) return [];
  const md = (key: string, value: string | undefined): XmlNode[] => (value === undefined ? [] : [{ name: 'md', attrs: { key, value } }]);
  const entries = [
    ...md('com.klingstudio.prompt', meta.prompt),
    ...md('com.klingstudio.endpoint', meta.endpointId),
    ...md('com.klingstudio.takeId', meta.takeId),
  ];
  return [
    // The note is what Final Cut shows in the browser's Notes column: the prompt, said once.
    ...(meta.prompt ? [{ name: 'note', children: meta.prompt }] : []),
    ...(entries.length ? [{ name: 'metadata', children: entries }] : []),
  ];
}

/** The FCPXML document of the cut, for a file at `fcpxmlPath` (its media paths are relative to it). */
export function fcpxmlTimeline(name: string, shots: readonly TimelineShot[], fcpxmlPath: string): string {
  const first = shots[0];
  if (!first) throw new Error('a timeline needs at least one shot');
  const grid = frameDuration(first.clip.video.fps);
  let nextId = 1;
  const formats = new Map<string, XmlNode>();
  const formatOf = (clip: ClipProbe): string => {
    const fd = frameDuration(clip.video.fps);
    const key = `${clip.video.width}x${clip.video.height}@${fd.join('/')}`;
    let format = formats.get(key);
    if (!format) {
      format = {
        name: 'format',
        attrs: { id: `r${nextId++}`, frameDuration: rationalTime(1, fd), width: clip.video.width, height: clip.video.height },
      };
      formats.set(key, format);
    }
    return String(format.attrs!.id);
  };
  const sequenceFormat = formatOf(first.clip);
  const assets = new Map<string, XmlNode>();
  const assetOf = (clip: ClipProbe, start: number, duration: number): string => {
    let asset = assets.get(clip.path);
    if (!asset) {
      const audio = clip.audio;
      asset = {
        name: 'asset',
        attrs: {
          id: `r${nextId++}`,
          name: basename(clip.path),
          start: rationalTime(start, grid),
          duration: rationalTime(duration, grid),
          hasVideo: 1,
          format: formatOf(clip),
          videoSources: 1,
          ...(audio && { hasAudio: 1, audioSources: 1, audioChannels: audio.channels, audioRate: audio.sampleRate }),
        },
        children: [{ name: 'media-rep', attrs: { kind: 'original-media', src: fcpxmlMediaUrl(fcpxmlPath, clip.path) } }],
      };
      assets.set(clip.path, asset);
    }
    return String(asset.attrs!.id);
  };
  let offset = 0;
  const spine: XmlNode[] = shots.map(({ name: shotName, clip, meta }) => {
    const start = framesOf(clip.start, grid);
    const duration = framesOf(clip.end - clip.start, grid);
    const node: XmlNode = {
      name: 'asset-clip',
      attrs: {
        ref: assetOf(clip, start, duration),
        offset: rationalTime(offset, grid),
        name: shotName,
        start: rationalTime(start, grid),
        duration: rationalTime(duration, grid),
        tcFormat: 'NDF',
      },
      children: clipNotes(meta),
    };
    offset += duration;
    return node;
  });
  const withAudio = shots.find(s => s.clip.audio)?.clip.audio;
  const sequence: XmlNode = {
    name: 'sequence',
    attrs: {
      format: sequenceFormat,
      duration: rationalTime(offset, grid),
      tcStart: '0s',
      tcFormat: 'NDF',
      ...(withAudio && {
        audioLayout: withAudio.channels === 1 ? 'mono' : withAudio.channels > 2 ? 'surround' : 'stereo',
        audioRate: AUDIO_RATES[withAudio.sampleRate],
      }),
    },
    children: [{ name: 'spine', children: spine }],
  };
  return xmlDocument({
    name: 'fcpxml',
    attrs: { version: FCPXML_VERSION },
    children: [
      { name: 'resources', children: [...formats.values(), ...assets.values()] },
      {
        name: 'library',
        children: [{ name: 'event', attrs: { name }, children: [{ name: 'project', attrs: { name }, children: [sequence] }] }],
      },
    ],
  });
}
