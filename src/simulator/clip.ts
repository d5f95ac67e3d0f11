// The simulator's output clip: a real, playable H.264 MP4, made offline with the WASM encoder of
// `h264-mp4-encoder` (minih264 + libmp4v2), so neither ffmpeg nor the network is needed at run time.
//
// Choices, for speed (the fault test asks for 200 clips):
// - tiny frames (320x180, 180x320 or 240x240 by aspect ratio) at 8 fps, fastest encoder preset;
// - each shot of a multi_prompt is a solid colour of its own, with one white block per shot
//   number in the top-left corner, so boundaries are visible at a glance; a white bar sweeps
//   left to right across each shot so the clip visibly plays;
// - a silent AAC-LC track when generate_audio is true (clip-audio.ts);
// - clips are cached by (duration, aspect ratio, shot split, sound): identical requests share bytes, and
//   an encode only ever happens once per distinct shape. A 15 s clip encodes in about a second.
import { createHash } from 'node:crypto';
import { createH264MP4Encoder } from 'h264-mp4-encoder';
import { lookupEndpoint, type PriceRule, type SimulatorOutput } from '../core';
import { withSilentAudio } from './clip-audio';

export interface ClipSpec {
  durationS: number;
  aspect: '16:9' | '9:16' | '1:1';
  shots: number[];
  /** A (silent) AAC track beside the picture, as Kling adds when generate_audio is true. */
  audio?: boolean;
}
export interface Clip {
  data: Buffer;
  sha256: string;
  width: number;
  height: number;
  fps: number;
  spec: ClipSpec;
}

export const CLIP_FPS = 8;
const SIZES: Record<ClipSpec['aspect'], [number, number]> = { '16:9': [320, 180], '9:16': [180, 320], '1:1': [240, 240] };
// Distinct, saturated shot colours (RGB); shot i uses PALETTE[i % n].
const PALETTE: [number, number, number][] = [
  [220, 60, 50],
  [40, 110, 220],
  [50, 170, 80],
  [230, 170, 30],
  [150, 70, 200],
  [30, 180, 190],
];

/** Derives the clip shape from a request body the way Kling would shape its output. */
export function clipSpecFor(body: Record<string, unknown>): ClipSpec {
  const aspect = body.aspect_ratio === '9:16' || body.aspect_ratio === '1:1' ? body.aspect_ratio : '16:9';
  const shotsIn = Array.isArray(body.multi_prompt) ? (body.multi_prompt as { duration?: unknown }[]) : [];
  const shots = shotsIn.map(s => clampInt(Number(s?.duration ?? 5), 1, 15));
  const declared = body.duration === undefined ? undefined : clampInt(Number(body.duration), 1, 15);
  const durationS =
    declared ??
    (shots.length
      ? Math.min(
          15,
          shots.reduce((a, b) => a + b, 0),
        )
      : 5);
  // generate_audio defaults to true on fal; motion control keeps its reference's sound.
  const audio = body.generate_audio !== false && body.keep_original_sound !== false;
  return { durationS, aspect, shots: shots.length ? shots : [durationS], audio };
}

// Ids the simulator accepts without a registry entry (O3 video-to-video) get what V3 gets.
const UNMODELLED_OUTPUT: SimulatorOutput = { type: 'clip-from-body' };

/** The clip an endpoint's request produces, as its registry entry describes it. */
export function clipSpecForRequest(endpointId: string, body: Record<string, unknown>): ClipSpec {
  const entry = lookupEndpoint(endpointId);
  const output = entry?.simulator ?? UNMODELLED_OUTPUT;
  switch (output.type) {
    case 'clip-from-body': {
      const spec = clipSpecFor(body);
      return entry ? { ...spec, audio: spec.audio && soundOn(entry.price, body) } : spec;
    }
    case 'voice-id':
      // create-voice makes no clip (server answers it with a voice id); a short silent one if asked.
      return { durationS: 1, aspect: '16:9', shots: [1], audio: false };
  }
}

/** Whether the endpoint makes sound for this body: turbo never does, O3 only when asked. */
function soundOn(rule: PriceRule, body: Record<string, unknown>): boolean {
  if (rule.type !== 'per-second') return false;
  const asked = body[rule.audioKey];
  return typeof asked === 'boolean' ? asked : rule.audioDefault;
}

function clampInt(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.max(lo, Math.min(hi, Math.round(n))) : lo;
}

function yuv([r, g, b]: [number, number, number]): [number, number, number] {
  return [
    Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
    Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
    Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
  ];
}

const cache = new Map<string, Promise<Clip>>();
// The WASM encoder blocks the event loop and shares one virtual FS: run encodes one at a time.
let chain: Promise<unknown> = Promise.resolve();
let seq = 0;

export function clipKey(spec: ClipSpec): string {
  return `${spec.durationS}|${spec.aspect}|${spec.shots.join(',')}|${spec.audio ? 'aac' : 'mute'}`;
}

export function makeClip(spec: ClipSpec): Promise<Clip> {
  const key = clipKey(spec);
  let p = cache.get(key);
  if (!p) {
    p = chain.then(() => encode(spec));
    chain = p.catch(() => undefined);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function encode(spec: ClipSpec): Promise<Clip> {
  const [width, height] = SIZES[spec.aspect];
  const enc = await createH264MP4Encoder();
  enc.outputFilename = `clip-${process.pid}-${++seq}.mp4`;
  enc.width = width;
  enc.height = height;
  enc.frameRate = CLIP_FPS;
  enc.speed = 10;
  enc.quantizationParameter = 30;
  enc.groupOfPictures = CLIP_FPS * 2;
  enc.initialize();
  try {
    // Scale shot lengths to the clip length so the boundaries fall where Kling would put them.
    const totalFrames = Math.max(1, Math.round(spec.durationS * CLIP_FPS));
    const sum = spec.shots.reduce((a, b) => a + b, 0) || 1;
    const bounds: number[] = [];
    let acc = 0;
    for (const s of spec.shots) {
      acc += s;
      bounds.push(Math.round((acc / sum) * totalFrames));
    }
    const ySize = width * height,
      cSize = ySize / 4;
    const frame = new Uint8Array(ySize + 2 * cSize);
    let shot = 0,
      shotStart = 0;
    for (let f = 0; f < totalFrames; f++) {
      while (shot < bounds.length - 1 && f >= bounds[shot]!) {
        shotStart = bounds[shot]!;
        shot++;
      }
      const [y, u, v] = yuv(PALETTE[shot % PALETTE.length]!);
      frame.fill(y, 0, ySize);
      frame.fill(u, ySize, ySize + cSize);
      frame.fill(v, ySize + cSize);
      const shotFrames = Math.max(1, bounds[shot]! - shotStart);
      const barX = Math.floor(((f - shotStart) / shotFrames) * (width - 8)) & ~1;
      for (let row = height - 24; row < height - 8; row++) frame.fill(235, row * width + barX, row * width + barX + 8);
      for (let b = 0; b <= shot; b++) {
        const x0 = 8 + b * 16;
        for (let row = 8; row < 18; row++) frame.fill(235, row * width + x0, row * width + x0 + 10);
      }
      enc.addFrameYuv(frame);
    }
    enc.finalize();
    const picture = enc.FS.readFile(enc.outputFilename);
    enc.FS.unlink(enc.outputFilename);
    const data = spec.audio ? await withSilentAudio(picture) : Buffer.from(picture);
    return { data, sha256: createHash('sha256').update(data).digest('hex'), width, height, fps: CLIP_FPS, spec };
  } finally {
    enc.delete();
  }
}
