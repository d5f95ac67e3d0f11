// Pure (no vscode): unit-tested in test/unit/generation.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { writeAtomic } from '../../media/atomic-write';
import { ffmpegWriteFailure } from '../../media/find-ffmpeg';

/** The playable copy sits beside the take: `x.mp4` → `x.mp3audio.mp4`. */
export function mp3CopyPath(clipPath: string): string {
  return clipPath.replace(/\.mp4$/i, '') + '.mp3audio.mp4';
}

/** An existing copy is reused while it is newer than the clip (a re-download replaces the clip). */
export async function freshMp3Copy(clipPath: string): Promise<string | undefined> {
  const copy = mp3CopyPath(clipPath);
  try {
    const [c, o] = await Promise.all([stat(copy), stat(clipPath)]);
    return c.mtimeMs >= o.mtimeMs && c.size > 0 ? copy : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies the video stream untouched and re-encodes only the audio to MP3, into the atomic writer's
 * temp file (src/media/atomic-write.ts), renamed into place only once ffmpeg has written it all,
 * so a half-written copy is never picked up as "ready" and a failure leaves no temp file behind.
 */
export async function makeMp3Copy(ffmpeg: string, clipPath: string, timeoutMs = 120_000): Promise<string> {
  const out = mp3CopyPath(clipPath);
  await writeAtomic(
    out,
    temp =>
      new Promise<void>((resolve, reject) => {
        execFile(
          ffmpeg,
          [
            '-hide_banner',
            '-loglevel',
            'error',
            '-nostdin',
            '-y',
            '-i',
            clipPath,
            '-map',
            '0:v:0?',
            '-map',
            '0:a:0?',
            '-c:v',
            'copy',
            '-c:a',
            'libmp3lame',
            '-q:a',
            '2',
            '-movflags',
            '+faststart',
            temp.path,
          ],
          { timeout: timeoutMs, windowsHide: true },
          (err, _stdout, stderr) => {
            // ffmpeg 5 exits 0 after failing to write its output (a full disk): its stderr says so.
            const failure = ffmpegWriteFailure(String(stderr));
            if (err || failure !== undefined) {
              reject(new Error(`ffmpeg failed: ${failure ?? (String(stderr).trim().split('\n').pop() || err!.message)}`));
            } else {
              resolve();
            }
          },
        );
      }),
    { sweep: true },
  );
  return out;
}
