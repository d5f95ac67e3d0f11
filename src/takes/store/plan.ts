// Planning a take: a record and clip name no other take has, in this process or any other, even
// within one second. The name is claimed by creating its lock exclusively (a hard link that fails
// when the lock exists), and a name whose record or clip exists is never reused, so a finished
// take cannot be overwritten by a later run.
import { access, mkdir } from 'node:fs/promises';
import { acquireTakeLock, type TakeLock, type TakeLockOptions } from './take-lock';
import { takePaths, takeStamp } from './journal';

export interface PlannedTake {
  recordPath: string;
  clipPath: string;
  stamp: string;
  /** Held from now on: release it when the take stops being followed. */
  lock: TakeLock;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Claims `<output>/<shot>.<stamp>[-n].take.json` and its clip for a new take. */
export async function planTake(outputDir: string, shotFile: string, o: { now?: Date; lock?: TakeLockOptions } = {}): Promise<PlannedTake> {
  await mkdir(outputDir, { recursive: true });
  const base = takeStamp(o.now);
  for (let i = 1; i <= 10_000; i++) {
    const p = takePaths(outputDir, shotFile, i === 1 ? base : `${base}-${i}`);
    if ((await exists(p.recordPath)) || (await exists(p.clipPath))) continue;
    const lock = await acquireTakeLock(p.recordPath, o.lock);
    if (!lock) continue; // a live process claimed this name and has not written its record yet
    // A take that ended between the look and the lock has left its record: that name is taken.
    if ((await exists(p.recordPath)) || (await exists(p.clipPath))) {
      await lock.release();
      continue;
    }
    return { ...p, lock };
  }
  throw new Error(`No free take name for ${shotFile} in ${outputDir}.`);
}
