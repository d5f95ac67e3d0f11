// Whether a process of this host is alive, and its start identity: what the take lock judges a
// lock's owner by (src/takes/store/take-lock.ts) and what the atomic writer judges a leftover temp
// file's writer by (src/media/atomic-write.ts). One copy in src/media, the floor both can import.
import { readFileSync } from 'node:fs';

/** Linux: field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined elsewhere. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] || undefined;
  } catch {
    return undefined;
  }
}

/** This process's start identity (undefined off Linux). */
export const myStart = processStart(process.pid);

/**
 * Whether `pid` is a live process (signal 0; EPERM means it exists) and, when `start` is known, the
 * very process that had that start time: a live pid with another start time reused the number.
 */
export function processAlive(pid: number, start: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') {
      return false;
    }
  }
  if (start !== undefined) {
    const now = processStart(pid);
    if (now !== undefined && now !== start) {
      return false;
    }
  }
  return true;
}
