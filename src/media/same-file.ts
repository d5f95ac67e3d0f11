// Whether an output would land on one of the operation's own inputs: `kling assemble --out` naming
// one of its clips, `--otio` naming a shot file. Compared as files (device and inode, every link
// followed), so an absolute path, a relative one, a symlink or a hard link to the input are all
// caught; a path to nothing yet is compared by its resolved name only.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

async function identity(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s ? `${s.dev}:${s.ino}` : undefined;
}

/** The first of `candidates` that is the same file as `target` (or the same path), else undefined. */
export async function findSameFile(target: string, candidates: readonly string[]): Promise<string | undefined> {
  const t = await identity(target);
  for (const c of candidates) {
    if (resolve(c) === resolve(target)) return c;
    if (t !== undefined && (await identity(c)) === t) return c;
  }
  return undefined;
}
