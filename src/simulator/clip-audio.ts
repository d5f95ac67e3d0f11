// Kling's clips carry sound when generate_audio is true (its default), so the simulator's do too:
// the encoded H.264 packets are copied next to an AAC-LC track of silent frames. A silent AAC-LC
// frame is a fixed 9-byte payload, so no audio encoder (and no ffmpeg) is needed.
import { mediabunny, withVideo } from '../media/mp4';

export const AUDIO_SAMPLE_RATE = 48000;
const FRAME_SAMPLES = 1024;
/** AudioSpecificConfig: AAC-LC (2), 48 kHz (index 3), 2 channels. */
const AAC_CONFIG = new Uint8Array([0x11, 0x90]);
/** One AAC-LC frame of stereo silence (a channel pair element of all-zero spectra). */
const SILENT_STEREO_FRAME = new Uint8Array([0x21, 0x00, 0x49, 0x90, 0x02, 0x19, 0x00, 0x23, 0x80]);

/** The same clip with a silent stereo AAC track as long as the picture. */
export async function withSilentAudio(mp4: Uint8Array): Promise<Buffer> {
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
    for (let i = 0; i < frames; i++) {
      await audio.add(
        new EncodedPacket(SILENT_STEREO_FRAME, 'key', i * frameS, frameS),
        i === 0
          ? { decoderConfig: { codec: 'mp4a.40.2', sampleRate: AUDIO_SAMPLE_RATE, numberOfChannels: 2, description: AAC_CONFIG } }
          : undefined,
      );
    }
    await output.finalize();
    return Buffer.from(target.buffer!);
  });
}
