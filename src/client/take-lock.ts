// One follower per take across processes. Two VS Code windows on the same folder both resume
// unfinished takes on activation; without this both would watch the same job and download into
// the same temp file, and the recorded sha256 could describe bytes that are not on disk.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

interface LockOwner { pid: number; host: string; nonce: string; at: string }

export interface TakeLock { readonly path: string; release(): Promise<void> }

export interface TakeLockOptions {
  /** Whether a process of this host is alive (default: signal 0). */
  isAlive?: (pid: number) => boolean;
  /** A lock from another host is trusted this long (fal keeps a result at most an hour). */
  foreignHostStaleMs?: number;
  now?: () => number;
}

export const lockPathFor = (recordPath: string) => `${recordPath}.lock`;

function processAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * Takes the lock of a take record, or returns undefined when a live process holds it. A lock
 * left by a dead process (a crashed window) is taken over.
 */
export async function acquireTakeLock(recordPath: string, opts: TakeLockOptions = {}): Promise<TakeLock | undefined> {
  const path = lockPathFor(recordPath);
  // The lock is taken before the first record is written, so the output folder may not exist yet.
  await mkdir(dirname(path), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), nonce: randomUUID(), at: new Date((opts.now ?? Date.now)()).toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createExclusive(path, me)) {
      // After a takeover, two processes may each have removed the stale lock and created their
      // own; only the one whose nonce is in the file goes on.
      if (attempt > 0 && (await readOwner(path))?.nonce !== me.nonce) { return undefined; }
      return { path, release: () => releaseIfMine(path, me.nonce) };
    }
    const owner = await readOwner(path);
    if (owner && !isStale(owner, opts)) { return undefined; }
    await unlink(path).catch(() => undefined);
  }
  return undefined;
}

function isStale(owner: LockOwner, opts: TakeLockOptions): boolean {
  if (owner.host === hostname()) { return !(opts.isAlive ?? processAlive)(owner.pid); }
  const age = (opts.now ?? Date.now)() - Date.parse(owner.at);
  return !(age < (opts.foreignHostStaleMs ?? 2 * 3600_000));
}

async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    try { await fh.writeFile(JSON.stringify(owner)); } finally { await fh.close(); }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') { return false; }
    throw e;
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.nonce === 'string' && typeof o.at === 'string' ? o as LockOwner : undefined;
  } catch { return undefined; } // unreadable or half-written: treated as stale
}

async function releaseIfMine(path: string, nonce: string): Promise<void> {
  if ((await readOwner(path))?.nonce === nonce) { await unlink(path).catch(() => undefined); }
}

/**
 * Waits until the lock can be taken (its owner released it or died), polling; undefined when the
 * signal aborts or the time runs out.
 */
export async function waitForTakeLock(recordPath: string, opts: TakeLockOptions & { signal?: AbortSignal; intervalMs?: number; timeoutMs?: number } = {}): Promise<TakeLock | undefined> {
  const deadline = Date.now() + (opts.timeoutMs ?? 3600_000);
  for (;;) {
    if (opts.signal?.aborted) { return undefined; }
    const lock = await acquireTakeLock(recordPath, opts);
    if (lock) { return lock; }
    if (Date.now() >= deadline) { return undefined; }
    await new Promise<void>(resolve => {
      const t = setTimeout(done, opts.intervalMs ?? 2000);
      opts.signal?.addEventListener('abort', done, { once: true });
      function done() { clearTimeout(t); opts.signal?.removeEventListener('abort', done); resolve(); }
    });
  }
}
