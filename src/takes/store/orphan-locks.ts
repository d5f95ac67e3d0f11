// A take lock with no record is a name a planner claimed and never used: its process was killed
// between planning and the first record (waiting on a ledger lock, during the reservation), or
// after the user's records were removed. Nobody ever claims such a name again, so its lock would
// stay forever. The next `kling generate`, `kling resume` or Generate in that folder removes it,
// judged exactly as the take lock judges every lock (take-lock.ts: the owner's pid and start time,
// a foreign host's lock by age): it is taken over like any stale lock, the record is looked for
// again under it, and it is let go. A lock whose owner lives (a planner about to write its
// record) or whose record exists (claims handle those) is left alone. So is the temp file of a
// lock's creation, which a kill at the wrong moment leaves: it goes when its writer is gone.
import { access, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { filesBelow } from './records-below';
import { acquireTakeLock, removeDeadLockTemps, takeLockHeld, type TakeLockOptions } from './take-lock';

const LOCK = /\.take\.json\.lock$/;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Removes the orphan take locks (owner gone, no record) in `dir`; returns the record paths they named. */
export async function removeOrphanLocks(dir: string, opts: TakeLockOptions = {}): Promise<string[]> {
  // A run killed while it created a lock may also have left the lock's temp file.
  await removeDeadLockTemps(dir, opts);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter(n => LOCK.test(n))) {
    const recordPath = join(dir, name.slice(0, -'.lock'.length));
    if ((await exists(recordPath)) || (await takeLockHeld(recordPath, opts))) continue;
    const lock = await acquireTakeLock(recordPath, opts).catch(() => undefined);
    if (!lock) continue; // a live process took the name meanwhile
    // Under the lock nobody else can write this record; if it is there after all, it is left as it is.
    const orphan = !(await exists(recordPath));
    await lock.release();
    if (orphan) removed.push(recordPath);
  }
  return removed;
}

/** `removeOrphanLocks` in each folder once. */
export async function removeOrphanLocksIn(dirs: Iterable<string>, opts: TakeLockOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const dir of new Set(dirs)) out.push(...(await removeOrphanLocks(dir, opts)));
  return out;
}

/** `removeOrphanLocks` in every folder below `folders` that holds a take lock (as `findUnfinished` walks them). */
export async function removeOrphanLocksBelow(folders: readonly string[], opts: TakeLockOptions = {}): Promise<string[]> {
  const locks = await filesBelow(folders, '.take.json.lock');
  return removeOrphanLocksIn(
    locks.map(l => dirname(l)),
    opts,
  );
}
