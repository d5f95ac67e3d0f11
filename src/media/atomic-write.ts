// Every file the project writes for the user goes through here: take records, the selection
// sidecar, cuts and their .otio timelines, last-frame PNGs, next-shot files, MP3 copies. A file is
// written to a temp file in its own folder, fsynced, then renamed over the target (or hard-linked to
// it when it must never replace a file), so a reader sees the old file or the whole new one. On any
// error the temp file is removed, the old file is left as it was, and the error propagates, so the
// command fails (a non-zero exit in the CLI, an error notification in VS Code).
//
// Why src/media: the writers sit in src/takes (journal, selection), src/media (assemble,
// unique-file), src/cli and src/extension. src/core is pure (no node I/O) and src/takes may not be
// imported by src/media or src/client (eslint.config.mjs); src/media is the lowest floor with disk
// access that all of them may import. `test/unit/lint/atomic-writes.test.ts` fails on a raw write
// (rename, writeFile, createWriteStream, copyFile…) of a user file anywhere else in src/.
//
// Temp names carry their writer: `<stem>.<pid>-<start>-<host>-<random>.partial<ext>` (start: the
// process's start time on Linux, `x` elsewhere; host: a hash of the host name). The extension is kept
// so a tool that picks its format by it (ffmpeg) writes the right one. A temp file left by a writer
// that was killed is removed by the next write of the same target that asks for it (`sweep`), once
// its pid is not alive (judged as the take lock judges its owner, src/media/process-alive.ts).
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, lstat, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { myStart, processAlive } from './process-alive';

export interface AtomicWriteOptions {
  /** Fsync the temp file and then the folder (default true). `false`: visible at once, but a crash of the machine may lose it. */
  durable?: boolean;
  /** Never replace a file: publish by hard link, failing with EEXIST when the target exists. */
  exclusive?: boolean;
  /** First remove this target's temp files whose writer is dead (a killed earlier run). */
  sweep?: boolean;
}

/** The temp file a producer fills. */
export interface TempFile {
  /** Its path, for a process that writes it by name (ffmpeg); it already exists, empty. */
  readonly path: string;
  /** Writes all of `data` at `position` (default: after the last write); a short write is an error. */
  write(data: Uint8Array | string, position?: number): Promise<void>;
}

/** A temp file written and synced, not yet in place: `commit` puts it there, `discard` removes it. */
export interface StagedFile {
  readonly path: string;
  readonly tempPath: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 4);
const START = myStart ?? 'x';

/** `cut.mp4` → `cut.<pid>-<start>-<host>-<random>.partial.mp4`, in the same folder. */
export function tempPathFor(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${process.pid}-${START}-${HOST}-${randomBytes(4).toString('hex')}.partial${ext}`;
}

/** Writes `data` to `path` atomically. */
export function writeFileAtomic(path: string, data: Uint8Array | string, o: AtomicWriteOptions = {}): Promise<void> {
  return writeAtomic(path, temp => temp.write(data), o);
}

/** Lets `produce` fill a temp file beside `path`, then puts it in place atomically. */
export async function writeAtomic(path: string, produce: (temp: TempFile) => Promise<void>, o: AtomicWriteOptions = {}): Promise<void> {
  const staged = await stageFile(path, produce, o);
  try {
    await staged.commit();
  } catch (e) {
    await staged.discard();
    throw e;
  }
}

/**
 * Fills and syncs the temp file of `path` without putting it in place yet, so several files (a cut
 * and its timeline) are all written before any of them replaces the old one. On an error of
 * `produce` (or of the sync) the temp file is removed and the error propagates.
 */
export async function stageFile(path: string, produce: (temp: TempFile) => Promise<void>, o: AtomicWriteOptions = {}): Promise<StagedFile> {
  const durable = o.durable !== false;
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  if (o.sweep) await removeDeadTemps(path);
  const tempPath = tempPathFor(path);
  const fh = await open(tempPath, 'wx');
  try {
    if (!o.exclusive) {
      // A replaced file keeps its permissions.
      const old = await stat(path).catch(() => undefined);
      if (old?.isFile()) await fh.chmod(old.mode & 0o7777);
    }
    const mine = (await fh.stat()).ino;
    let end = 0;
    await produce({
      path: tempPath,
      async write(data, position) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        end = await writeAll(fh, bytes, position ?? end);
      },
    });
    // A producer that wrote by name must have written this very file, not put another in its place.
    if ((await stat(tempPath)).ino !== mine) throw new Error(`${tempPath} was replaced while it was being written`);
    if (durable) await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tempPath).catch(() => undefined);
    throw e;
  }
  try {
    await fh.close();
  } catch (e) {
    await unlink(tempPath).catch(() => undefined);
    throw e;
  }
  let done = false;
  return {
    path,
    tempPath,
    async commit() {
      if (done) return;
      if (o.exclusive) await publishExclusive(tempPath, path);
      else await rename(tempPath, path);
      done = true;
      if (durable) await syncFolder(dir);
    },
    async discard() {
      if (done) return;
      done = true;
      await unlink(tempPath).catch(() => undefined);
    },
  };
}

/** Writes all of `bytes` at `position`, looping over short writes; returns the end offset. */
async function writeAll(fh: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  let off = 0;
  while (off < bytes.byteLength) {
    // A full disk often first answers with a short write (no error): the next call gets ENOSPC.
    const { bytesWritten } = await fh.write(bytes, off, bytes.byteLength - off, position + off);
    if (bytesWritten <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    off += bytesWritten;
  }
  return position + off;
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Puts `temp` at `path` only if nothing is there: a hard link, which fails rather than replace a file. */
async function publishExclusive(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (e) {
    if (!NO_HARD_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    // A file system without hard links: claim the name with an exclusive create (EEXIST when taken),
    // then rename the whole file over our own empty placeholder.
    const placeholder = await open(path, 'wx');
    const ino = (await placeholder.stat()).ino;
    await placeholder.close();
    try {
      await rename(temp, path);
    } catch (e2) {
      if ((await stat(path).catch(() => undefined))?.ino === ino) await unlink(path).catch(() => undefined);
      throw e2;
    }
    return;
  }
  await unlink(temp).catch(() => undefined);
}

/** Makes a rename durable; some file systems cannot open or sync a folder, which is fine. */
async function syncFolder(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    /* not supported here */
  } finally {
    await fh.close().catch(() => undefined);
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the temp files of `path` that a dead writer of this host left (a run killed with
 * SIGKILL, a machine that went down), and returns their paths. A temp file of a live writer, of
 * another host, or that is not a plain file is left alone. The names of the writer that came before
 * this module (`<stem>.<pid>-<random>.partial<ext>`, no start time) are judged by the pid alone.
 */
export async function removeDeadTemps(path: string): Promise<string[]> {
  const ext = extname(path);
  const stem = basename(path).slice(0, basename(path).length - ext.length);
  const re = new RegExp(`^${escapeRe(stem)}\\.(\\d+)-(?:(\\d+|x)-([0-9a-f]{4})-)?[0-9a-f]{8}\\.partial${escapeRe(ext)}$`);
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    const [, pid, start, host] = m;
    if (host !== undefined && host !== HOST) continue;
    // Our own writes in progress are alive too (same pid, same start).
    if (processAlive(Number(pid), start === 'x' ? undefined : start)) continue;
    const p = join(dir, name);
    if (!(await lstat(p).catch(() => undefined))?.isFile()) continue;
    await unlink(p).then(
      () => removed.push(p),
      () => undefined,
    );
  }
  return removed;
}
