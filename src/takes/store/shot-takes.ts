// The takes of one shot file, newest first, each marked when it is the shot's circled take. Shared
// by `kling takes` and the editor so both list the same takes in the same order.
import { resolve } from 'node:path';
import { listTakeRecords, type TakeRecord } from './journal';
import { readSelection } from './selection';

export interface ShotTake {
  path: string;
  record: TakeRecord;
  selected: boolean;
}

export async function takesOfShot(outputDir: string, shotFile: string): Promise<ShotTake[]> {
  const shot = resolve(shotFile);
  const [all, selected] = await Promise.all([listTakeRecords(outputDir), readSelection(outputDir, shot)]);
  return all
    .filter(t => t.record.shotFile !== undefined && resolve(t.record.shotFile) === shot)
    .sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt) || b.path.localeCompare(a.path))
    .map(t => ({ ...t, selected: t.path === selected }));
}
