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
