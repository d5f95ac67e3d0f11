// ffmpeg is optional: the `klingStudio.ffmpegPath` setting (or --ffmpeg) when given, else PATH.
// The one lookup for every caller (takes panel's MP3 copy, Export Cut…, `kling assemble`).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/** The setting when given (it must be an executable file: a wrong setting is not silently replaced), else the first on PATH. */
export async function findFfmpeg(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const s = setting?.trim();
  if (s) return (await isExecutable(s)) ? s : undefined;
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg.cmd'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(d => d && isAbsolute(d)))
    for (const n of names) if (await isExecutable(join(dir, n))) return join(dir, n);
  return undefined;
}

async function isExecutable(p: string): Promise<boolean> {
  try {
    await access(p, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * The line of ffmpeg's stderr that says its output could not be written, if any. ffmpeg 5 exits 0
 * after "Error writing trailer of …: No space left on device", so its exit code alone would let a
 * truncated file be renamed into place.
 */
export function ffmpegWriteFailure(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .map(l => l.trim())
    .find(l =>
      /error (writing|closing|opening)|no space left|disk quota|input\/output error|file too large|av_interleaved_write_frame/i.test(l),
    );
}
