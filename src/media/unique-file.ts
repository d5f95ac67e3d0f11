// Writes bytes under a name nobody has: the first free of `nameFor(1)`, `nameFor(2)`… in `dir`.
// The file appears whole or not at all (a temp file, fsync, then a hard link, which fails rather
// than replace a file another writer made meanwhile), and an existing different file is never
// overwritten. A candidate that already holds exactly these bytes is reused, not copied again.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface UniqueFile {
  path: string;
  /** True when an identical file was already there under that name. */
  reused: boolean;
}

const MAX_CANDIDATES = 1000;

export async function writeUniqueFile(dir: string, nameFor: (n: number) => string, bytes: Uint8Array): Promise<UniqueFile> {
  const temp = join(dir, `.${nameFor(1)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(temp, 'wx');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
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
        await link(temp, target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
        // A file system without hard links: an exclusive create still never replaces a file.
        try {
          await writeFile(target, bytes, { flag: 'wx' });
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw e2;
        }
      }
      await syncDir(dir);
      return { path: target, reused: false };
    }
    throw new Error(`${dir} already holds ${MAX_CANDIDATES} files named like ${nameFor(1)}.`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  // The new name is durable once its folder is synced; not every platform can open a folder.
  const fh = await open(dir, 'r').catch(() => undefined);
  await fh?.sync().catch(() => undefined);
  await fh?.close();
}
