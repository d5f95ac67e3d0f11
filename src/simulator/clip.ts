// The simulator's output clip: a real, playable H.264 MP4 shaped by the request (clip-spec.ts),
// made offline with the WASM encoder of `h264-mp4-encoder` (minih264 + libmp4v2), so neither ffmpeg
// nor the network is needed at run time.
//
// - 24 fps, the short side 360 px, the aspect ratio asked for (frames.ts paints the pictures);
// - the start image as the first frame, the end image as the last, keyframes between;
// - each shot of a storyboard in a colour of its own, with a frame counter and a sweeping bar;
// - a tone per shot when the request has sound (clip-audio.ts), no audio track when it has none;
// - clips are cached by everything that shapes them: identical requests share bytes, and an encode
//   only ever happens once per distinct shape (the fault tests ask for hundreds of clips).
import { createHash } from 'node:crypto';
import { createH264MP4Encoder } from 'h264-mp4-encoder';
import { withTone } from './clip-audio';
import { aspectRatio, type ClipSpec } from './clip-spec';
import { blend, coverImage, frameSize, overlay, shotBackdrop, type Yuv } from './frames';

export { clipSpecFor, clipSpecForRequest, type ClipSpec, type ClipImages, type ClipRequest } from './clip-spec';

export interface Clip {
  data: Buffer;
  sha256: string;
  width: number;
  height: number;
  fps: number;
  spec: ClipSpec;
}

export const CLIP_FPS = 24;

const cache = new Map<string, Promise<Clip>>();
// The WASM encoder blocks the event loop and shares one virtual FS: run encodes one at a time.
let chain: Promise<unknown> = Promise.resolve();
let seq = 0;

export function clipKey(spec: ClipSpec): string {
  const img = spec.images;
  const pics = img ? [img.start?.sha256, img.end?.sha256, ...(img.keyframes ?? []).map(k => k.sha256)].join(',') : '';
  return `${spec.durationS}|${spec.aspect}|${spec.shots.join(',')}|${spec.audio ? 'aac' : 'mute'}|${pics}`;
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

/** Frame numbers where each shot ends, shot lengths scaled to the clip so cuts fall where Kling puts them. */
function shotEnds(spec: ClipSpec, totalFrames: number): number[] {
  const sum = spec.shots.reduce((a, b) => a + b, 0) || 1;
  let acc = 0;
  return spec.shots.map(s => Math.round(((acc += s) / sum) * totalFrames));
}

/** The pictures to pass through and the frame each is on: start at 0, end at the last, keyframes evenly between. */
function keyPictures(spec: ClipSpec, width: number, height: number, totalFrames: number): { frame: number; yuv: Yuv }[] {
  const img = spec.images;
  if (!img) return [];
  const last = totalFrames - 1;
  const middle = img.keyframes ?? [];
  const keys: { frame: number; yuv: Yuv }[] = [];
  if (img.start) keys.push({ frame: 0, yuv: coverImage(img.start, width, height) });
  middle.forEach((k, i) => keys.push({ frame: Math.round(((i + 1) / (middle.length + 1)) * last), yuv: coverImage(k, width, height) }));
  if (img.end) keys.push({ frame: last, yuv: coverImage(img.end, width, height) });
  return keys;
}

async function encode(spec: ClipSpec): Promise<Clip> {
  const [width, height] = frameSize(aspectRatio(spec.aspect));
  const enc = await createH264MP4Encoder();
  enc.outputFilename = `clip-${process.pid}-${++seq}.mp4`;
  enc.width = width;
  enc.height = height;
  enc.frameRate = CLIP_FPS;
  enc.speed = 10;
  enc.quantizationParameter = 30;
  const totalFrames = Math.max(1, Math.round(spec.durationS * CLIP_FPS));
  // Every frame a keyframe: Chromium shows frame 0 for any seek into minih264's P frames (ffmpeg
  // decodes them), so the takes panel's last-frame grab got the first frame. All-intra costs about
  // 10% more encoding time and 4x the bytes (260 KB for 5 s), which a local server does not mind.
  enc.groupOfPictures = 1;
  enc.initialize();
  try {
    const ends = shotEnds(spec, totalFrames);
    const keys = keyPictures(spec, width, height, totalFrames);
    const backdrops = new Map<number, Yuv>();
    const frame = new Uint8Array((width * height * 3) / 2);
    const picture: Yuv = { width, height, data: frame };
    let shot = 0;
    for (let f = 0; f < totalFrames; f++) {
      while (shot < ends.length - 1 && f >= ends[shot]!) shot++;
      const after = keys.findIndex(k => k.frame >= f);
      const next = after >= 0 ? keys[after] : undefined;
      const prev = after > 0 ? keys[after - 1] : after < 0 ? keys[keys.length - 1] : undefined;
      if (next && next.frame === f) frame.set(next.yuv.data);
      else if (prev && next) blend(prev.yuv, next.yuv, (f - prev.frame) / (next.frame - prev.frame), frame);
      else if (prev ?? next) frame.set((prev ?? next)!.yuv.data);
      else {
        if (!backdrops.has(shot)) backdrops.set(shot, shotBackdrop(shot, width, height));
        frame.set(backdrops.get(shot)!.data);
      }
      // The given first and last frames stay exactly the images: a continuation starts from them.
      const given = (f === 0 && spec.images?.start) || (f === totalFrames - 1 && spec.images?.end);
      if (!given) {
        const start = shot > 0 ? ends[shot - 1]! : 0;
        overlay(picture, shot, (f - start) / Math.max(1, ends[shot]! - start - 1), f + 1);
      }
      enc.addFrameYuv(frame);
    }
    enc.finalize();
    const video = enc.FS.readFile(enc.outputFilename);
    enc.FS.unlink(enc.outputFilename);
    const data = spec.audio
      ? await withTone(
          video,
          ends.map(e => e / CLIP_FPS),
        )
      : Buffer.from(video);
    return { data, sha256: createHash('sha256').update(data).digest('hex'), width, height, fps: CLIP_FPS, spec };
  } finally {
    enc.delete();
  }
}
