// What a downloaded clip really is, read from its container (mediabunny reads only the boxes it
// needs, not the media data): a file that does not parse as an MP4 with a video track is not the
// clip the user paid for, whatever its size and name say.
import { errorText } from '../core/error-text';
import { videoFacts, withVideo } from './mp4';

export type ClipInspection =
  { ok: true; durationSeconds: number; width: number; height: number; codec: string | null } | { ok: false; reason: string };

export async function inspectClip(path: string): Promise<ClipInspection> {
  try {
    // Only MP4 is offered to mediabunny, so anything else (an HTML page, a MOV, garbage) fails here.
    return await withVideo(path, 'mp4', async (input): Promise<ClipInspection> => {
      if (!(await input.canRead())) return { ok: false, reason: 'not an MP4 file' };
      const video = await videoFacts(input);
      if (!video) return { ok: false, reason: 'an MP4 without a video track' };
      return { ok: true, durationSeconds: video.durationSeconds, width: video.width, height: video.height, codec: video.codec };
    });
  } catch (e) {
    return { ok: false, reason: `an unreadable MP4 (${errorText(e)})` };
  }
}
