// The lock of a budget's ledger: one per folder whose take records a budget sums, held only while
// a reservation sums the folder and writes its records (milliseconds). It is a take lock (owner's
// PID and start time), so a process killed while holding it frees it at once, and it lives in the
// folder itself, where every process that counts that folder looks. Several folders are locked in
// one order (sorted real paths), so two reservations never wait on each other in a circle.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
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

const LOCK_FILE = `${LEDGER_LOCK_NAME}.lock`;

async function lockOne(folder: string, o: LedgerLockOptions): Promise<TakeLock> {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  // A holder keeps it for milliseconds: waiters wake the moment it is removed (inotify), and look
  // again on a short timer too (a holder that died frees it without an event of its own).
  let watcher: FSWatcher | undefined;
  let wake: (() => void) | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      const lock = await acquireTakeLock(join(folder, LEDGER_LOCK_NAME));
      if (lock) return lock;
      if (o.signal?.aborted || Date.now() > deadline) throw new LedgerBusyError(folder);
      if (!watcher && attempt === 0) {
        try {
          watcher = watch(folder, { persistent: false }, (_event, name) => {
            if (name === LOCK_FILE) wake?.();
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
