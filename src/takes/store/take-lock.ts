// One follower per take across processes. Two VS Code windows on the same folder both resume
// unfinished takes on activation; without this both would watch the same job and download into
// the same temp file, and the recorded sha256 could describe bytes that are not on disk.
//
// The lock file appears atomically with its content: the owner is written to a unique temp file
// beside it, which is then hard-linked to the lock path (link fails if the lock exists), so no
// reader ever sees a half-written lock of this version. A stale lock is removed by the one process
// that wins its takeover marker, after checking it is still the very file judged stale.
//
// Why not proper-lockfile (measured in bench/take-lock.bench.ts): it judges a lock stale by an mtime
// its holder keeps refreshing, so a crashed window's takes wait out the stale window (10 s by
// default, 2 s at least, and a holder whose event loop stalls that long loses its lock), where the
// owner's PID and start time free them at once; and 20 racers on one stale lock had 2 winners in
// one of 3 rounds there, 1 in every round here.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { link, mkdir, open, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { myStart, processAlive } from '../../media/process-alive';

interface LockOwner {
  pid: number;
  host: string;
  nonce: string;
  at: string;
  /** process start identity (Linux), against PID reuse */ start?: string;
}

export interface TakeLock {
  readonly path: string;
  release(): Promise<void>;
}

export interface TakeLockOptions {
  /** Whether a process of this host is alive (default: signal 0, plus the start time on Linux). */
  isAlive?: (pid: number) => boolean;
  /** A lock from another host is trusted this long (fal keeps a result at most an hour). */
  foreignHostStaleMs?: number;
  /** An unreadable (empty, half-written, garbage) lock is respected until its mtime is this old. */
  unreadableStaleMs?: number;
  now?: () => number;
}

export const lockPathFor = (recordPath: string) => `${recordPath}.lock`;

/**
 * Takes the lock of a take record, or returns undefined when a live process holds it. A lock
 * left by a dead process (a crashed window) is taken over.
 */
export async function acquireTakeLock(recordPath: string, opts: TakeLockOptions = {}): Promise<TakeLock | undefined> {
  const path = lockPathFor(recordPath);
  // The lock is taken before the first record is written, so the output folder may not exist yet.
  await mkdir(dirname(path), { recursive: true });
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    nonce: randomUUID(),
    at: new Date((opts.now ?? Date.now)()).toISOString(),
    ...(myStart !== undefined && { start: myStart }),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWithContent(path, JSON.stringify(me), me.nonce)) {
      return { path, release: () => releaseIfMine(path, me.nonce) };
    }
    const seen = await inspect(path);
    if (!seen) {
      continue;
    } // vanished meanwhile (released or taken over): try again
    if (!isStale(seen, opts)) {
      return undefined;
    }
    if (!(await takeOverStale(path, seen, me.nonce))) {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether a live process holds the lock of `recordPath`, from the lock file alone (nothing is
 * created): the cheap question a budget sum asks of every reservation it meets.
 */
export async function takeLockHeld(recordPath: string, opts: TakeLockOptions = {}): Promise<boolean> {
  const seen = await inspect(lockPathFor(recordPath)).catch(() => undefined);
  return seen !== undefined && !isStale(seen, opts);
}

/** A lock's temp file (`createWithContent`): the lock's name, the creator's nonce, `.tmp`. */
const LOCK_TEMP = /\.lock\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * Removes the lock temp files in `dir` whose writer is gone, judged like the lock they were for
 * (they hold the same owner): a run killed between writing one and removing it, before or after the
 * link, leaves it behind, and nothing else ever would. Returns how many were removed.
 */
export async function removeDeadLockTemps(dir: string, opts: TakeLockOptions = {}): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter(n => LOCK_TEMP.test(n))) {
    const path = join(dir, name);
    const seen = await inspect(path).catch(() => undefined);
    if (seen && isStale(seen, opts)) {
      await unlink(path).then(
        () => removed++,
        () => undefined,
      );
    }
  }
  return removed;
}

interface Seen {
  ino: number;
  mtimeMs: number;
  size: number;
  raw: string;
  owner: LockOwner | undefined;
}

async function inspect(path: string): Promise<Seen | undefined> {
  try {
    const s = await stat(path);
    const raw = await readFile(path, 'utf8');
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size, raw, owner: parseOwner(raw) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw e;
  }
}

function isStale(seen: Seen, opts: TakeLockOptions): boolean {
  const now = (opts.now ?? Date.now)();
  const owner = seen.owner;
  // Unreadable: possibly written right now by an older version that creates then fills the file.
  if (!owner) {
    return now - seen.mtimeMs > (opts.unreadableStaleMs ?? 60_000);
  }
  if (owner.host === hostname()) {
    return opts.isAlive ? !opts.isAlive(owner.pid) : !processAlive(owner.pid, owner.start);
  }
  const age = now - Date.parse(owner.at);
  return !(age < (opts.foreignHostStaleMs ?? 2 * 3600_000));
}

/**
 * Removes a lock judged stale, if it is still that very file. Takers of one stale lock exclude
 * each other through a marker named after it (created like the lock: link, never overwritten),
 * and the marker holder re-checks the lock before deleting it, so a fresh lock created after the
 * stale one was removed is never deleted. (Moving the stale lock aside by rename is not enough:
 * a slow taker can move a lock the fast one just created.) Returns false when another process is
 * taking it over right now.
 */
async function takeOverStale(path: string, judged: Seen, nonce: string): Promise<boolean> {
  const id = createHash('sha256').update(`${judged.ino}:${judged.mtimeMs}:${judged.raw}`).digest('hex').slice(0, 16);
  const marker = `${path}.takeover-${id}`;
  if (!(await createWithContent(marker, JSON.stringify({ pid: process.pid, nonce }), nonce))) {
    // A taker that died while holding the marker (a window of milliseconds) must not block forever.
    const m = await stat(marker).catch(() => undefined);
    if (m && Date.now() - m.mtimeMs > MARKER_STALE_MS) {
      await unlink(marker).catch(() => undefined);
    }
    return false;
  }
  try {
    const now = await inspect(path);
    if (now && now.ino === judged.ino && now.raw === judged.raw && now.mtimeMs === judged.mtimeMs) {
      await unlink(path).catch(() => undefined);
    }
    return true; // removed, or it changed meanwhile: judge again
  } finally {
    // Only after the stale lock is gone: a later taker of the same marker finds nothing to delete.
    await unlink(marker).catch(() => undefined);
  }
}

const MARKER_STALE_MS = 30_000;

/** Creates `path` with its content in one step (temp file + hard link); false if it exists. */
async function createWithContent(path: string, content: string, nonce: string): Promise<boolean> {
  const temp = `${path}.${nonce}.tmp`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return false;
    }
    // File systems without hard links: exclusive create, then fill (readers respect it by mtime).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      return createExclusive(path, content);
    }
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    try {
      await fh.writeFile(content);
    } finally {
      await fh.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw e;
  }
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>;
    return o && typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.nonce === 'string' && typeof o.at === 'string'
      ? (o as LockOwner)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return parseOwner(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function releaseIfMine(path: string, nonce: string): Promise<void> {
  if ((await readOwner(path))?.nonce === nonce) {
    await unlink(path).catch(() => undefined);
  }
}

/**
 * Waits until the lock can be taken (its owner released it or died), polling; undefined when the
 * signal aborts or the time runs out.
 */
export async function waitForTakeLock(
  recordPath: string,
  opts: TakeLockOptions & { signal?: AbortSignal; intervalMs?: number; timeoutMs?: number } = {},
): Promise<TakeLock | undefined> {
  const deadline = Date.now() + (opts.timeoutMs ?? 3600_000);
  for (;;) {
    if (opts.signal?.aborted) {
      return undefined;
    }
    const lock = await acquireTakeLock(recordPath, opts);
    if (lock) {
      return lock;
    }
    if (Date.now() >= deadline) {
      return undefined;
    }
    await new Promise<void>(resolve => {
      const t = setTimeout(done, opts.intervalMs ?? 2000);
      opts.signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(t);
        opts.signal?.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}
