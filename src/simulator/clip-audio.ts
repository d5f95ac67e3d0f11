// Kling's clips carry sound when it is asked for (or on by default), so the simulator's do too: the
// encoded H.264 packets are copied next to an AAC-LC track of a steady tone, one pitch per shot so a
// storyboard's cuts can be heard. Each tone is one pre-encoded frame repeated (tone-frames.ts), so
// no audio encoder (and no ffmpeg) is needed at run time.
import { mediabunny, withVideo } from '../media/mp4';
import { TONE_FRAMES } from './tone-frames';

export const AUDIO_SAMPLE_RATE = 48000;
const FRAME_SAMPLES = 1024;
/** AudioSpecificConfig: AAC-LC (2), 48 kHz (index 3), 2 channels. */
const AAC_CONFIG = new Uint8Array([0x11, 0x90]);
const TONES = TONE_FRAMES.map(t => Buffer.from(t.frame, 'base64'));

/**
 * The same clip with a stereo AAC track of tones as long as the picture: shot i (its end at
 * `shotEndsS[i]` seconds) sounds the i-th pitch, round robin.
 */
export async function withTone(mp4: Uint8Array, shotEndsS: readonly number[]): Promise<Buffer> {
  const { BufferTarget, EncodedAudioPacketSource, EncodedPacket, EncodedPacketSink, EncodedVideoPacketSource, Mp4OutputFormat, Output } =
    await mediabunny();
  return withVideo(mp4, 'mp4', async input => {
    const track = (await input.getPrimaryVideoTrack())!;
    const target = new BufferTarget();
    const output = new Output({ format: new Mp4OutputFormat(), target });
    const video = new EncodedVideoPacketSource((await track.getCodec())!);
    const stats = await track.computePacketStats();
    output.addVideoTrack(video, { frameRate: stats.averagePacketRate });
    const audio = new EncodedAudioPacketSource('aac');
    output.addAudioTrack(audio);
    await output.start();
    const config = (await track.getDecoderConfig())!;
    let end = 0;
    let first = true;
    for await (const packet of new EncodedPacketSink(track).packets()) {
      await video.add(packet, first ? { decoderConfig: config } : undefined);
      first = false;
      end = Math.max(end, packet.timestamp + packet.duration);
    }
    const frameS = FRAME_SAMPLES / AUDIO_SAMPLE_RATE;
    // Whole frames that fit in the picture: the sound never outlasts it.
    const frames = Math.floor(end / frameS + 1e-9);
    let shot = 0;
    for (let i = 0; i < frames; i++) {
      while (shot < shotEndsS.length - 1 && i * frameS >= shotEndsS[shot]!) shot++;
      await audio.add(
        new EncodedPacket(TONES[shot % TONES.length]!, 'key', i * frameS, frameS),
        i === 0
          ? { decoderConfig: { codec: 'mp4a.40.2', sampleRate: AUDIO_SAMPLE_RATE, numberOfChannels: 2, description: AAC_CONFIG } }
          : undefined,
      );
    }
    await output.finalize();
    return Buffer.from(target.buffer!);
  });
}
