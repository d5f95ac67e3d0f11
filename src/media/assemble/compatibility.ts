// Can the clips be joined without re-encoding? Only when every clip's tracks carry the same codec
// parameters as the first clip's: one MP4 track has one sample description.
import { basename } from 'node:path';
import type { ClipProbe } from './probe-clip';

/** What differs between the clips, one line per difference; empty when they can be remuxed. */
export function remuxDifferences(clips: readonly ClipProbe[]): string[] {
  const [first, ...rest] = clips;
  if (!first) return [];
  const out: string[] = [];
  const name = (c: ClipProbe) => basename(c.path);
  const anyAudio = clips.some(c => c.audio);
  for (const c of rest) {
    const a = first.video,
      b = c.video;
    if (a.codec !== b.codec) out.push(`${name(c)} is ${b.codec} video, ${name(first)} is ${a.codec}`);
    else if (a.width !== b.width || a.height !== b.height)
      out.push(`${name(c)} is ${b.width}×${b.height}, ${name(first)} is ${a.width}×${a.height}`);
    else if (Math.abs(a.fps - b.fps) > 0.01) out.push(`${name(c)} runs at ${b.fps} fps, ${name(first)} at ${a.fps} fps`);
    else if (a.key !== b.key) out.push(`${name(c)} has other ${b.codec} encoder settings (codec parameters) than ${name(first)}`);
  }
  if (anyAudio) {
    const withAudio = clips.find(c => c.audio)!;
    for (const c of clips) {
      if (!c.audio) out.push(`${name(c)} has no audio track and ${name(withAudio)} has one`);
      else if (c !== withAudio && c.audio.key !== withAudio.audio!.key) {
        const x = withAudio.audio!,
          y = c.audio;
        out.push(
          `${name(c)} has ${y.codec} audio at ${y.sampleRate} Hz, ${y.channels} ch; ${name(withAudio)} has ${x.codec} at ${x.sampleRate} Hz, ${x.channels} ch`,
        );
      }
    }
  }
  return out;
}
