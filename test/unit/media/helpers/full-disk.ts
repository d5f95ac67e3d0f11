// A real full disk for the write tests: a small tmpfs mounted on a temp folder (mounting needs
// root; where it is not permitted the tests that need it are skipped, saying why), filled up to a
// chosen number of free bytes by a real file. No write is faked: ENOSPC comes from the kernel.
import { spawnSync } from 'node:child_process';
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Fills the disk with `filler` until only about `freeBytes` are left (tmpfs counts whole pages). */
  fill(freeBytes: number): Promise<void>;
  /** Bytes still free. */
  free(): Promise<number>;
  unmount(): Promise<void>;
}

/** A tmpfs of `sizeKiB` at `dir`, or the reason there cannot be one here. */
export async function smallDisk(dir: string, sizeKiB = 1024): Promise<SmallDisk | string> {
  await mkdir(dir, { recursive: true });
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (m.status !== 0) return `cannot mount a tmpfs here (needs root): ${(m.stderr || m.error?.message || '').trim()}`;
  const free = async () => {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    async fill(freeBytes) {
      const fill = (await free()) - freeBytes;
      if (fill > 0) await writeFile(join(dir, 'filler'), Buffer.alloc(fill));
    },
    async unmount() {
      spawnSync('umount', ['-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
