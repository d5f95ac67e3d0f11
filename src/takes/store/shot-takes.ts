// The takes of one shot file, newest first, each marked when it is the shot's circled take. Shared
// by `kling takes` and the editor so both list the same takes in the same order.
import { resolve } from 'node:path';
import { listTakeRecords, type ListOptions, type TakeRecord } from './journal';
import { readSelection } from './selection';
import { isTakeOf, takeNumbers } from './take-number';

export interface ShotTake {
  path: string;
  record: TakeRecord;
  selected: boolean;
  /** The take's number in its shot (#1, #2, …): its own, or derived for an older record. */
  number: number;
}

/** `roots`: where the records must really be (default: the output folder); `onSkip` hears of each one left out. */
export async function takesOfShot(outputDir: string, shotFile: string, o: ListOptions = {}): Promise<ShotTake[]> {
  const shot = resolve(shotFile);
  const [all, selected] = await Promise.all([listTakeRecords(outputDir, o), readSelection(outputDir, shot, { roots: o.roots })]);
  const mine = all.filter(t => isTakeOf(t.record, shot));
  const numbers = takeNumbers(mine);
  return mine.sort(newestFirst).map(t => ({ ...t, selected: t.path === selected, number: numbers.get(t.path)! }));
}

/** Newest first by creation time; takes made in the same second fall back to their file names. */
export function newestFirst(a: { path: string; record: TakeRecord }, b: { path: string; record: TakeRecord }): number {
  return b.record.createdAt.localeCompare(a.record.createdAt) || b.path.localeCompare(a.path);
}
