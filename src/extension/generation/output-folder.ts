// Pure (no vscode): unit-tested in test/unit/generation.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { lockPathFor } from '../../client';
import { takePaths, takeStamp } from '../../client/journal';

export const DEFAULT_OUTPUT_FOLDER = 'renders';

/** `klingStudio.output.folder`: relative to the shot file's folder, or absolute. */
export function outputDirFor(shotFsPath: string, setting: string | undefined): string {
  const folder = setting && setting.trim() ? setting.trim() : DEFAULT_OUTPUT_FOLDER;
  return isAbsolute(folder) ? resolve(folder) : resolve(join(dirname(shotFsPath), folder));
}

/**
 * Paths for a new take. Stamps have one-second resolution, so two takes of one shot in the same
 * second (a batch, a quick regenerate) get a suffix instead of overwriting a paid clip (or
 * colliding with the lock of a take that has not written its record yet).
 */
export function uniqueTakePaths(
  outputDir: string,
  shotFsPath: string,
  now: Date = new Date(),
  exists: (p: string) => boolean = existsSync,
): { clipPath: string; recordPath: string; stamp: string } {
  const base = takeStamp(now);
  for (let i = 1; ; i++) {
    const p = takePaths(outputDir, shotFsPath, i === 1 ? base : `${base}-${i}`);
    // The lock is taken before the record is written: a take started this second may have only it.
    if (!exists(p.recordPath) && !exists(p.clipPath) && !exists(lockPathFor(p.recordPath))) {
      return p;
    }
  }
}
