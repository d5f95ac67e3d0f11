// ffmpeg is optional: the `klingStudio.ffmpegPath` setting (or --ffmpeg) when given, else PATH.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

export async function findFfmpeg(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const s = setting?.trim();
  if (s) return (await isExecutable(s)) ? s : undefined;
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
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
