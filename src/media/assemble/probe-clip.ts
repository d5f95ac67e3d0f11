// What assembling needs to know of a clip, read from its container: its tracks' codec parameters
// (two clips can share one output track only when these are byte-identical), size, frame rate and
// length. No decoding.
import { stat } from 'node:fs/promises';
import type { InputAudioTrack, InputVideoTrack } from 'mediabunny';
import { errorText } from '../../core/error-text';
import { frameRateOf, mediabunny, withVideo } from '../mp4';

export interface VideoParams {
  codec: string;
  /** The decoder config's codec string and description (avcC/hvcC) as hex: the remux key. */
  key: string;
  width: number;
  height: number;
  fps: number;
}

export interface AudioParams {
  codec: string;
  key: string;
  sampleRate: number;
  channels: number;
}

export interface ClipProbe {
  path: string;
  video: VideoParams;
  audio: AudioParams | undefined;
  /** Start and end of the video, in seconds (the clip's length is end − start). */
  start: number;
  end: number;
}

export class ClipError extends Error {}

function hex(d: unknown): string {
  if (ArrayBuffer.isView(d)) return Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex');
  return d instanceof ArrayBuffer ? Buffer.from(d).toString('hex') : '';
}

async function videoParams(track: InputVideoTrack, path: string): Promise<VideoParams> {
  const config = await track.getDecoderConfig();
  const codec = await track.getCodec();
  if (!config || !codec) throw new ClipError(`${path}: its video codec is not one mediabunny can read`);
  const fps = (await frameRateOf(track, 100)) ?? 0;
  return {
    codec,
    key: `${config.codec}|${hex(config.description)}|${config.codedWidth}x${config.codedHeight}`,
    width: await track.getDisplayWidth(),
    height: await track.getDisplayHeight(),
    fps: Math.round(fps * 1000) / 1000,
  };
}

async function audioParams(track: InputAudioTrack): Promise<AudioParams | undefined> {
  const config = await track.getDecoderConfig();
  const codec = await track.getCodec();
  if (!config || !codec) return undefined;
  return {
    codec,
    key: `${config.codec}|${hex(config.description)}|${config.sampleRate}|${config.numberOfChannels}`,
    sampleRate: config.sampleRate,
    channels: config.numberOfChannels,
  };
}

/** The span of a track's packets in presentation time. */
export async function trackSpan(track: InputVideoTrack): Promise<{ start: number; end: number }> {
  const { EncodedPacketSink } = await mediabunny();
  const sink = new EncodedPacketSink(track);
  const last = await sink.getPacket(Infinity, { metadataOnly: true });
  if (!last) throw new ClipError('the video track has no frames');
  return { start: Math.max(0, await track.getFirstTimestamp()), end: last.timestamp + last.duration };
}

export async function probeClip(path: string): Promise<ClipProbe> {
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) throw new ClipError(`The clip ${path} is missing (its take record is there, the video is not)`);
  return withVideo(path, 'mp4-or-mov', async input => {
    if (!(await input.canRead().catch(() => false))) throw new ClipError(`${path} is not an MP4 clip`);
    const video = await input.getPrimaryVideoTrack();
    if (!video) throw new ClipError(`${path} has no video track`);
    const audio = await input.getPrimaryAudioTrack();
    const span = await trackSpan(video).catch(e => {
      throw new ClipError(`${path}: ${errorText(e)}`);
    });
    return { path, video: await videoParams(video, path), audio: audio ? await audioParams(audio) : undefined, ...span };
  });
}
