// Writes bytes under a name nobody has: the first free of `nameFor(1)`, `nameFor(2)`… in `dir`.
// The file appears whole or not at all, and never replaces another: the atomic writer's exclusive
// create (src/media/atomic-write.ts: temp file, fsync, hard link, which fails rather than replace a
// file another writer made meanwhile). A candidate that already holds exactly these bytes is
// reused, not copied again.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export interface UniqueFile {
  path: string;
  /** True when an identical file was already there under that name. */
  reused: boolean;
}

const MAX_CANDIDATES = 1000;

export async function writeUniqueFile(dir: string, nameFor: (n: number) => string, bytes: Uint8Array): Promise<UniqueFile> {
  for (let n = 1; n <= MAX_CANDIDATES; n++) {
    const target = join(dir, nameFor(n));
    const existing = await stat(target).catch(() => undefined);
    if (existing) {
      if (existing.isFile() && existing.size === bytes.length && Buffer.from(await readFile(target)).equals(bytes)) {
        return { path: target, reused: true };
      }
      continue;
    }
    try {
      await writeFileAtomic(target, bytes, { exclusive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue; // another writer took the name meanwhile
      throw e;
    }
    return { path: target, reused: false };
  }
  throw new Error(`${dir} already holds ${MAX_CANDIDATES} files named like ${nameFor(1)}.`);
}
