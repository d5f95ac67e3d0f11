// The take numbers of a shot (#1, #2, …), so a creator can tell takes made in the same minute
// apart and name one out loud. A number is written into the record once, when the reservation
// writes it (reserve.ts, under the output folder's ledger lock, so two processes planning the same
// shot at once never give out one number twice). Records from before numbers are numbered when
// read, by creation order, with the numbers no stored record uses: nothing rewrites them.
import { dirname, resolve } from 'node:path';
import type { TakeRecord } from '../../core/take/record';
import { listTakeRecords, type ListOptions } from './journal';

interface Listed {
  path: string;
  record: TakeRecord;
}

/** Oldest first: creation time, then file name (takes of one second get `-2`, `-3`… names). */
function oldestFirst(a: Listed, b: Listed): number {
  return a.record.createdAt.localeCompare(b.record.createdAt) || a.path.localeCompare(b.path);
}

/** Whether a record is a take of `shotFile` (absolute), as the takes list reads it. */
export function isTakeOf(record: TakeRecord, shotFile: string): boolean {
  return record.shotFile !== undefined && resolve(record.shotFile) === resolve(shotFile);
}

/**
 * Each take's number by record path: its own, else (an older record) the lowest number no stored
 * record uses, given in creation order. `takes` are the takes of one shot.
 */
export function takeNumbers(takes: readonly Listed[]): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const t of takes) {
    if (t.record.number !== undefined) {
      out.set(t.path, t.record.number);
      used.add(t.record.number);
    }
  }
  let next = 1;
  for (const t of [...takes].sort(oldestFirst)) {
    if (out.has(t.path)) continue;
    while (used.has(next)) next++;
    out.set(t.path, next);
    used.add(next);
  }
  return out;
}

/** Every listed take's number, each shot's takes in each folder numbered apart (see takeNumbers). */
export function numbersByShot(listed: readonly Listed[]): Map<string, number> {
  const shots = new Map<string, Listed[]>();
  for (const t of listed) {
    if (!t.record.shotFile) continue;
    const key = `${dirname(t.path)}\0${resolve(t.record.shotFile)}`;
    shots.set(key, [...(shots.get(key) ?? []), t]);
  }
  const out = new Map<string, number>();
  for (const takes of shots.values()) for (const [p, n] of takeNumbers(takes)) out.set(p, n);
  return out;
}

/**
 * The next free numbers of each shot's takes in `outputDir` (`counts`: how many each shot file
 * needs), from the records on disk now, read once. The caller holds the folder's ledger lock until
 * the numbered records are written.
 */
export async function nextTakeNumbers(
  outputDir: string,
  counts: ReadonlyMap<string, number>,
  o: ListOptions = {},
): Promise<Map<string, number[]>> {
  const listed = await listTakeRecords(outputDir, o);
  const out = new Map<string, number[]>();
  for (const [shotFile, count] of counts) {
    const top = Math.max(0, ...takeNumbers(listed.filter(t => isTakeOf(t.record, shotFile))).values());
    out.set(
      shotFile,
      Array.from({ length: count }, (_, i) => top + i + 1),
    );
  }
  return out;
}
