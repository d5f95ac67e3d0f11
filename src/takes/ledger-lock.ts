// The lock of a budget's ledger: one per folder whose take records a budget sums, held only while
// a reservation sums the folder and writes its records (milliseconds). It is a take lock (owner's
// PID and start time), so a process killed while holding it frees it at once, and it lives in the
// folder itself, where every process that counts that folder looks. Several folders are locked in
// one order (sorted real paths), so two reservations never wait on each other in a circle.
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

async function lockOne(folder: string, o: LedgerLockOptions): Promise<TakeLock> {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    const lock = await acquireTakeLock(join(folder, LEDGER_LOCK_NAME));
    if (lock) return lock;
    if (o.signal?.aborted || Date.now() > deadline) throw new LedgerBusyError(folder);
    // Holders keep it for a few milliseconds: poll fast, with jitter so racers spread out.
    await new Promise(r => setTimeout(r, Math.min(50, 2 + attempt) + Math.random() * 5));
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
