// What a downloaded clip really is, read from its container (mediabunny reads only the boxes it
// needs, not the media data): a file that does not parse as an MP4 with a video track is not the
// clip the user paid for, whatever its size and name say.
import { FilePathSource, Input, MP4 } from 'mediabunny';
import { errorText } from '../core/error-text';

export type ClipInspection =
  { ok: true; durationSeconds: number; width: number; height: number; codec: string | null } | { ok: false; reason: string };

export async function inspectClip(path: string): Promise<ClipInspection> {
  // Only MP4 is offered to mediabunny, so anything else (an HTML page, a MOV, garbage) fails here.
  const input = new Input({ source: new FilePathSource(path), formats: [MP4] });
  try {
    if (!(await input.canRead())) return { ok: false, reason: 'not an MP4 file' };
    const track = await input.getPrimaryVideoTrack();
    if (!track) return { ok: false, reason: 'an MP4 without a video track' };
    let duration = await input.getDurationFromMetadata();
    if (duration === null || !Number.isFinite(duration)) duration = await input.computeDuration();
    return {
      ok: true,
      durationSeconds: duration,
      width: await track.getDisplayWidth(),
      height: await track.getDisplayHeight(),
      codec: track.codec ?? null,
    };
  } catch (e) {
    return { ok: false, reason: `an unreadable MP4 (${errorText(e)})` };
  } finally {
    input.dispose();
  }
}
