// Joining clips that share codec parameters without re-encoding: every clip's packets are copied
// into one video track (and one audio track), shifted so each clip starts where the last ended.
// The bytes go to the atomic writer's temp file through its `write`, never through mediabunny's
// FilePathTarget: that one ignores a short write (what a full disk answers first), so a cut cut
// short by a full disk came out "finished".
import type { AudioCodec, StreamTargetChunk, VideoCodec } from 'mediabunny';
import type { TempFile } from '../atomic-write';
import { mediabunny, withVideo } from '../mp4';
import type { ClipProbe } from './probe-clip';

export interface JoinOptions {
  signal?: AbortSignal;
  /** 0…1, by output time. */
  onProgress?: (fraction: number) => void;
}

export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('The export was cancelled'), { name: 'AbortError' });
}

/** Writes the joined clips into `out` (the caller's temp file). */
export async function remuxClips(clips: readonly ClipProbe[], out: TempFile, opts: JoinOptions = {}): Promise<void> {
  const first = clips[0];
  if (!first) throw new Error('nothing to join');
  const { EncodedAudioPacketSource, EncodedPacketSink, EncodedVideoPacketSource, Mp4OutputFormat, Output, StreamTarget } =
    await mediabunny();
  const total = clips.reduce((s, c) => s + (c.end - c.start), 0) || 1;
  const withAudio = clips.some(c => c.audio);
  // The first write error is kept: mediabunny may report it late (or as its own), the cut fails with it.
  let writeError: unknown;
  const sink = new WritableStream<StreamTargetChunk>({
    write: chunk =>
      out.write(chunk.data, chunk.position).catch((e: unknown) => {
        writeError ??= e;
        throw e;
      }),
  });
  const output = new Output({ format: new Mp4OutputFormat(), target: new StreamTarget(sink, { chunked: true }) });
  const video = new EncodedVideoPacketSource(first.video.codec as VideoCodec);
  output.addVideoTrack(video, { frameRate: first.video.fps });
  const audio = withAudio ? new EncodedAudioPacketSource(first.audio!.codec as AudioCodec) : undefined;
  if (audio) output.addAudioTrack(audio);
  let finished = false;
  try {
    await output.start();
    let offset = 0;
    let videoConfigSent = false;
    let audioConfigSent = false;
    for (const clip of clips) {
      const length = clip.end - clip.start;
      await withVideo(clip.path, 'mp4-or-mov', async input => {
        const vTrack = (await input.getPrimaryVideoTrack())!;
        const vConfig = await vTrack.getDecoderConfig();
        for await (const packet of new EncodedPacketSink(vTrack).packets()) {
          if (opts.signal?.aborted) throw abortError(opts.signal);
          const t = packet.timestamp - clip.start;
          await video.add(packet.clone({ timestamp: offset + t }), videoConfigSent ? undefined : { decoderConfig: vConfig! });
          videoConfigSent = true;
          opts.onProgress?.(Math.min(1, (offset + t + packet.duration) / total));
        }
        const aTrack = audio ? await input.getPrimaryAudioTrack() : null;
        if (audio && aTrack) {
          const aConfig = await aTrack.getDecoderConfig();
          for await (const packet of new EncodedPacketSink(aTrack).packets()) {
            if (opts.signal?.aborted) throw abortError(opts.signal);
            const t = packet.timestamp - clip.start;
            // Audio past the picture's end would overlap the next clip's sound.
            if (t < -1e-6 || t >= length - 1e-6) continue;
            await audio.add(packet.clone({ timestamp: offset + t }), audioConfigSent ? undefined : { decoderConfig: aConfig! });
            audioConfigSent = true;
          }
        }
      });
      if (writeError !== undefined) throw writeError;
      offset += length;
    }
    await output.finalize();
    if (writeError !== undefined) throw writeError;
    finished = true;
    opts.onProgress?.(1);
  } catch (e) {
    // A write that failed is the cause of whatever mediabunny threw after it.
    throw writeError ?? e;
  } finally {
    if (!finished) await output.cancel().catch(() => undefined);
  }
}
