// Claiming an unfinished take to follow it: the lock first, then the record as it is now. A
// listing is only a hint: between it and the lock another process may have finished the take,
// and acting on the old snapshot would rewrite a `done` record or mark it failed.
import { isFinal, readTakeRecord, writeTakeRecord, type TakeRecord } from './journal';
import { submitUncertain } from '../../core/take/record';
import { releasedByDeath, releasedRecord } from './released';
import { acquireTakeLock, waitForTakeLock, type TakeLock, type TakeLockOptions } from './take-lock';
import { errorText } from '../../core/error-text';

export type Claim =
  /** Non-final with a request id: the caller follows it and releases the lock when it stops. */
  | { kind: 'claimed'; record: TakeRecord; lock: TakeLock }
  /** A live process holds its lock. */
  | { kind: 'busy' }
  /** Final by the time the lock was taken (untouched), or a dead process's reservation, released just now. */
  | { kind: 'final'; record: TakeRecord }
  /**
   * Stopped before fal replied to its submit, its owner gone: it may or may not have been paid,
   * and nothing can be asked without a request id. Recorded `unknown` (final) just now, once, so
   * the caller tells the user once; `recorded` is false when that write failed (it stays as it was).
   */
  | { kind: 'uncertain'; record: TakeRecord; recorded: boolean; error?: string }
  /** The record could not be read once locked (deleted, half-replaced by hand). */
  | { kind: 'unreadable'; error: string };

export interface ClaimOptions {
  /** Where the record must really be (see readTakeRecord; default: its own folder). */
  roots?: readonly string[] | undefined;
  lock?: TakeLockOptions;
  /** Wait for a live owner to let go instead of answering `busy` (undefined: give up when aborted). */
  wait?: { signal?: AbortSignal; intervalMs?: number; timeoutMs?: number };
  now?: () => Date;
}

/** Takes the lock of `recordPath`, re-reads the record under it, and decides from what is on disk now. */
export async function claimUnfinished(recordPath: string, o: ClaimOptions = {}): Promise<Claim> {
  const lock = o.wait ? await waitForTakeLock(recordPath, { ...o.lock, ...o.wait }) : await acquireTakeLock(recordPath, o.lock);
  if (!lock) return { kind: 'busy' };
  let record: TakeRecord;
  try {
    record = await readTakeRecord(recordPath, { roots: o.roots });
  } catch (e) {
    await lock.release();
    return { kind: 'unreadable', error: `${recordPath}: ${errorText(e)}` };
  }
  if (isFinal(record)) {
    await lock.release();
    return { kind: 'final', record };
  }
  if (record.status === 'reserved') {
    // Its process is gone before the upload or submit: nothing was sent, so it is released.
    try {
      const released = releasedRecord(record, releasedByDeath(), o.now?.());
      await writeTakeRecord(recordPath, released);
      return { kind: 'final', record: released };
    } catch (e) {
      return { kind: 'unreadable', error: `${recordPath}: ${errorText(e)}` };
    } finally {
      await lock.release();
    }
  }
  if (record.requestId) return { kind: 'claimed', record, lock };
  try {
    const retired = submitUncertain(record, (o.now?.() ?? new Date()).toISOString());
    try {
      await writeTakeRecord(recordPath, retired);
      return { kind: 'uncertain', record: retired, recorded: true };
    } catch (e) {
      return { kind: 'uncertain', record, recorded: false, error: errorText(e) };
    }
  } finally {
    await lock.release();
  }
}
