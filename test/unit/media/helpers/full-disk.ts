// A real full disk for the write tests: a small tmpfs mounted on a temp folder, filled up to a
// chosen number of free bytes by a real file. No write is faked: ENOSPC comes from the kernel.
// Mounting needs root, or sudo without a password, as the set-up's apt install does
// (scripts/setup-tools.sh); without either the test fails and says so, rather than being skipped.
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

/** Runs a mount command as root: directly when we are root, else through `sudo -n`. */
function asRoot(args: string[]) {
  const root = process.getuid?.() === 0;
  return spawnSync(root ? args[0]! : 'sudo', root ? args.slice(1) : ['-n', ...args], { encoding: 'utf8' });
}

/** A tmpfs of `sizeKiB` at `dir`, owned by this process's user; throws saying why there cannot be one. */
export async function smallDisk(dir: string, sizeKiB = 1024): Promise<SmallDisk> {
  await mkdir(dir, { recursive: true });
  const owner = process.getuid && process.getgid ? `,uid=${process.getuid()},gid=${process.getgid()}` : '';
  const m = asRoot(['mount', '-t', 'tmpfs', '-o', `size=${sizeKiB}k${owner}`, 'tmpfs', dir]);
  if (m.status !== 0) {
    throw new Error(
      `the full-disk test mounts a small tmpfs, which needs root or sudo without a password (as the set-up's apt install does): ${(m.stderr || m.error?.message || '').trim()}`,
    );
  }
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
      asRoot(['umount', '-l', dir]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
