// The lock of a budget's ledger: one per folder whose take records a budget sums, held only while
// a reservation sums the folder and writes its records (milliseconds). It is a take lock (owner's
// PID and start time), so a process killed while holding it frees it at once, and it lives in the
// folder itself, where every process that counts that folder looks. Several folders are locked in
// one order (sorted real paths), so two reservations never wait on each other in a circle.
// The same short lock guards any small shared file that processes read, change and write back
// (withFileLock), such as the voices remembered beside a cast.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { acquireTakeLock, type TakeLock } from './store';

export const LEDGER_LOCK_NAME = '.kling-ledger';

export class LedgerBusyError extends Error {
  constructor(readonly folder: string) {
    super(`The budget ledger of ${folder} stayed locked by another live process; nothing was reserved or sent.`);
    this.name = 'LedgerBusyError';
  }
}

export interface LedgerLockOptions {
  /** How long to wait for another process's reservation to finish (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Takes the lock `<folder>/<name>.lock`, waiting for a live holder to finish. */
async function lockOne(
  folder: string,
  o: LedgerLockOptions,
  name = LEDGER_LOCK_NAME,
  busy: () => Error = () => new LedgerBusyError(folder),
): Promise<TakeLock> {
  const lockFile = `${name}.lock`;
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  // A holder keeps it for milliseconds: waiters wake the moment it is removed (inotify), and look
  // again on a short timer too (a holder that died frees it without an event of its own).
  let watcher: FSWatcher | undefined;
  let wake: (() => void) | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      const lock = await acquireTakeLock(join(folder, name));
      if (lock) return lock;
      if (o.signal?.aborted || Date.now() > deadline) throw busy();
      if (!watcher && attempt === 0) {
        try {
          watcher = watch(folder, { persistent: false }, (_event, changed) => {
            if (changed === lockFile) wake?.();
          });
          continue; // look once more: it may have gone before the watch began
        } catch {
          /* no file events here: the timer alone */
        }
      }
      await new Promise<void>(resolve => {
        const t = setTimeout(done, 20 + Math.random() * 10);
        wake = done;
        function done() {
          clearTimeout(t);
          wake = undefined;
          resolve();
        }
      });
    }
  } finally {
    watcher?.close();
  }
}

/** Runs `fn` holding the ledger locks of every folder; they are released whatever happens. */
export async function withLedgerLocks<T>(folders: readonly string[], fn: () => Promise<T>, o: LedgerLockOptions = {}): Promise<T> {
  const held: TakeLock[] = [];
  try {
    for (const f of [...new Set(folders)].sort()) held.push(await lockOne(f, o));
    return await fn();
  } finally {
    for (const l of held.reverse()) await l.release().catch(() => undefined);
  }
}

/** Runs `fn` holding the lock of `file` (`<file>.lock` beside it): read, change and write it back inside. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, o: LedgerLockOptions = {}): Promise<T> {
  const busy = () => new Error(`${file} stayed locked by another live process; it was left as it was.`);
  const lock = await lockOne(dirname(file), o, basename(file), busy);
  try {
    return await fn();
  } finally {
    await lock.release().catch(() => undefined);
  }
}
