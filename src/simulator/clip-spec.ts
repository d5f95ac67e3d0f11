// What clip a request asks for, read the way Kling would read it: its registry entry says whether
// the length is the body's (a duration, a storyboard's shots) or an input video's, which price rule
// turns sound on, and which media fields hold the start image, the end image and keyframes.
import { lookupEndpoint, type EndpointEntry, type PriceRule } from '../core';
import { videoFacts, withVideo } from '../media/mp4';
import { errorText } from '../core';
import { bytesOf, decodeImage, type DecodedImage, type RequestMedia } from './request-media';

export interface ClipImages {
  /** The first frame. */
  start?: DecodedImage;
  /** The last frame. */
  end?: DecodedImage;
  /** Pictures the clip passes through in order, evenly spaced between the first and last frames. */
  keyframes?: DecodedImage[];
}

export interface ClipSpec {
  durationS: number;
  /** `W:H`, as fal's `aspect_ratio` (16:9, 9:16, 1:1…). */
  aspect: string;
  /** Shot lengths in seconds; scaled to `durationS` where they do not sum to it. */
  shots: number[];
  /** A tone beside the picture, as Kling adds sound when asked (or by default). */
  audio?: boolean;
  images?: ClipImages;
}

export const MAX_SECONDS = 30;
const ASPECTS: readonly [string, number][] = [
  ['16:9', 16 / 9],
  ['9:16', 9 / 16],
  ['1:1', 1],
];

/** Derives the clip shape from a request body alone (no registry entry, no media). */
export function clipSpecFor(body: Record<string, unknown>): ClipSpec {
  const aspect = askedAspect(body) ?? '16:9';
  const shotsIn = Array.isArray(body.multi_prompt) ? (body.multi_prompt as { duration?: unknown }[]) : [];
  const shots = shotsIn.map(s => clamp(Number(s?.duration ?? 5), 1, MAX_SECONDS));
  const declared = body.duration === undefined || body.duration === null ? undefined : clamp(Number(body.duration), 1, MAX_SECONDS);
  const durationS =
    declared ??
    (shots.length
      ? Math.min(
          MAX_SECONDS,
          shots.reduce((a, b) => a + b, 0),
        )
      : 5);
  // generate_audio defaults to true on V3; motion control and video edits keep their input's sound.
  const audio = body.generate_audio !== false && body.keep_original_sound !== false && body.keep_audio !== false;
  return { durationS, aspect, shots: shots.length ? shots : [durationS], audio };
}

/** The aspect ratio a body names, unless it leaves it to the input (`auto`). */
function askedAspect(body: Record<string, unknown>): string | undefined {
  return typeof body.aspect_ratio === 'string' && /^\d+:\d+$/.test(body.aspect_ratio) ? body.aspect_ratio : undefined;
}

/** The nearest of Kling's aspect ratios to a picture's. */
export function nearestAspect(width: number, height: number): string {
  const r = Math.log(width / height);
  return ASPECTS.reduce((best, a) => (Math.abs(Math.log(a[1]) - r) < Math.abs(Math.log(best[1]) - r) ? a : best))[0];
}

export function aspectRatio(aspect: string): number {
  const [w, h] = aspect.split(':').map(Number);
  return w && h ? w / h : 16 / 9;
}

export interface ClipRequest {
  spec: ClipSpec;
  /** What the simulator could not use (an image it cannot decode, a URL it will not fetch), for the job's log. */
  notes: string[];
}

/** The clip an endpoint's request produces, as its registry entry describes it. */
export async function clipSpecForRequest(endpointId: string, body: Record<string, unknown>, media?: RequestMedia): Promise<ClipRequest> {
  const entry = lookupEndpoint(endpointId);
  const spec = clipSpecFor(body);
  const notes: string[] = [];
  if (!entry) return { spec, notes };
  // create-voice makes no clip (the queue answers it with a voice id); a short silent one if asked.
  if (entry.simulator.type === 'voice-id') return { spec: { durationS: 1, aspect: '16:9', shots: [1], audio: false }, notes };
  spec.audio = soundOn(entry.price, body);
  const asked = askedAspect(body);
  if (entry.length.from === 'input-video') {
    const input = await inputVideo(String(body[entry.length.key] ?? ''), media, notes);
    if (input) {
      spec.durationS = clamp(input.durationSeconds, 1, MAX_SECONDS);
      if (!Array.isArray(body.multi_prompt)) spec.shots = [spec.durationS];
      spec.aspect = asked ?? nearestAspect(input.width, input.height);
    }
  }
  if (media) {
    const images = await imagesOf(entry, body, media, notes);
    if (images.start || images.end || images.keyframes?.length) {
      spec.images = images;
      const first = images.start ?? images.end;
      if (!asked && first && entry.length.from === 'body') spec.aspect = nearestAspect(first.width, first.height);
    }
  }
  return { spec, notes };
}

/** Whether the endpoint makes sound for this body: turbo never does, O3 only when asked, Kling 4.0 always. */
function soundOn(rule: PriceRule, body: Record<string, unknown>): boolean {
  if (rule.type === 'per-second-by-resolution') return true;
  if (rule.type !== 'per-second') return false;
  const asked = body[rule.audioKey];
  return typeof asked === 'boolean' ? asked : rule.audioDefault;
}

async function inputVideo(url: string, media: RequestMedia | undefined, notes: string[]) {
  if (!media || !url) return undefined;
  const got = await media.read(url);
  if (typeof got === 'string') {
    notes.push(`Input video: ${got}; the clip takes the body's length.`);
    return undefined;
  }
  try {
    const facts = await withVideo(got instanceof Uint8Array ? got : got.path, 'any', input => videoFacts(input));
    if (facts && Number.isFinite(facts.durationSeconds) && facts.durationSeconds > 0) return facts;
    notes.push(`Input video ${url} has no video track; the clip takes the body's length.`);
  } catch (e) {
    notes.push(`Input video ${url} could not be read (${errorText(e)}); the clip takes the body's length.`);
  }
  return undefined;
}

// Keyframes are a list field named so (Kling 4.0's `middle_image_urls`); the registry's roles name
// only the start and end images.
const KEYFRAME_KEY = /^(middle_image_urls|keyframe)/;

async function imagesOf(entry: EndpointEntry, body: Record<string, unknown>, media: RequestMedia, notes: string[]): Promise<ClipImages> {
  const images: ClipImages = {};
  const one = async (key: string, url: unknown): Promise<DecodedImage | undefined> => {
    if (typeof url !== 'string' || !url) return undefined;
    const got = await media.read(url);
    const img = typeof got === 'string' ? got : decodeImage(await bytesOf(got));
    if (typeof img !== 'string') return img;
    notes.push(`${key}: ${img}; the clip does without it.`);
    return undefined;
  };
  for (const f of entry.media.fields) {
    const value = body[f.key];
    if (f.role === 'start_image' && !f.list) images.start = await one(f.key, value);
    else if (f.role === 'end_image' && !f.list) images.end = await one(f.key, value);
    else if (KEYFRAME_KEY.test(f.key) && Array.isArray(value)) {
      const frames = await Promise.all(value.map((v, i) => one(`${f.key}[${i}]`, v)));
      images.keyframes = frames.filter((x): x is DecodedImage => x !== undefined);
    }
  }
  return images;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.max(lo, Math.min(hi, n)) : lo;
}
