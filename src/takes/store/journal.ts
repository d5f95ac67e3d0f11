// The take record: the job journal. It is written atomically (temp file, fsync, rename) before
// submit and after every step, so a crash at any point leaves a record that `resume` can continue
// — and, above all, never loses a paid request id.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TakeRecordSchema, type TakeRecord } from '../../core/take/record';
import { writeFileAtomic } from '../../media/atomic-write';
import { folderRefusal, realRoots } from '../boundary';
import { errorText } from '../../core/error-text';
import { isRefusal, parseRecordText, recordRoots, recordText, type RecordReadOptions } from './record-read';

export { FINAL_STATUSES, isFinal, TAKE_STATUSES, TakeRecordSchema, type TakeRecord, type TakeStatus } from '../../core/take/record';

/** `20260314-091502` (UTC), sortable and safe in file names. */
export function takeStamp(d: Date = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** `hero.kling.json` → `hero`. */
export function shotBaseName(shotFile: string): string {
  return basename(shotFile)
    .replace(/\.kling\.json$/i, '')
    .replace(/\.jsonc?$/i, '');
}

/** The clip and its record for one take: `<output>/<shot>.<stamp>.mp4` and `<output>/<shot>.<stamp>.take.json`. */
export function takePaths(
  outputDir: string,
  shotFile: string,
  stamp: string = takeStamp(),
): { clipPath: string; recordPath: string; stamp: string } {
  const base = join(outputDir, `${shotBaseName(shotFile)}.${stamp}`);
  return { clipPath: `${base}.mp4`, recordPath: `${base}.take.json`, stamp };
}

/** The clip that belongs to a record (`x.take.json` → `x.mp4`): they always sit side by side. */
export function clipPathForRecord(recordPath: string): string {
  return recordPath.replace(/\.take\.json$/i, '') + '.mp4';
}

/** Attempts of one journal write: a full disk or a busy file system often clears within moments. */
const WRITE_ATTEMPTS = 4;
const WRITE_BACKOFF_MS = [25, 100, 400];

/**
 * Writes a record atomically (temp file, fsync, rename, then the folder's fsync), retrying a few
 * times. Readers see the old record or the new one, never half of one.
 */
export async function writeTakeRecord(path: string, rec: TakeRecord, o: { durable?: boolean } = {}): Promise<void> {
  const text = JSON.stringify(TakeRecordSchema.parse(rec), null, 2) + '\n';
  for (let attempt = 1; ; attempt++) {
    try {
      await writeOnce(path, text, o);
      return;
    } catch (e) {
      if (attempt >= WRITE_ATTEMPTS) throw e;
      await new Promise(r => setTimeout(r, WRITE_BACKOFF_MS[attempt - 1] ?? 400));
    }
  }
}

/**
 * One write through the atomic writer (src/media/atomic-write.ts): temp file, fsync, rename, then
 * the folder, so a reader sees the old content or the new, never half; on an error the temp file
 * is removed and the old record stays. `durable: false` skips the two fsyncs: for a record whose
 * meaning ends with its process (a reservation), which other processes must see at once but which
 * no crash of the machine needs.
 */
export function writeOnce(path: string, text: string, o: { durable?: boolean } = {}): Promise<void> {
  return writeFileAtomic(path, text, { durable: o.durable !== false });
}

/**
 * A record read from disk names its clip by where the record is, never by its own `clipPath`: a
 * committed or edited record must not make us download onto, open, or delete an arbitrary file.
 * It is read through the boundary: a regular file of at most 1 MB, really inside `roots` (default:
 * its own folder, so a record symlinked elsewhere is refused); a FIFO or a device is never waited on.
 */
export async function readTakeRecord(path: string, o: RecordReadOptions = {}): Promise<TakeRecord> {
  return readRecordUnder(path, await recordRoots(path, o));
}

/** A record's text as a take record, its clip named by where the record is (see readTakeRecord). */
export function takeRecordFrom(text: string, path: string): TakeRecord {
  const rec = parseRecordText(text, path, TakeRecordSchema);
  return rec.clipPath === undefined ? rec : { ...rec, clipPath: clipPathForRecord(path) };
}

async function readRecordUnder(path: string, roots: readonly string[]): Promise<TakeRecord> {
  return takeRecordFrom(await recordText(path, roots), path);
}

export interface ListOptions extends RecordReadOptions {
  /**
   * Told about each file left out and why, and about an output folder that leads outside the
   * roots: `refused` when the boundary would not read it (outside, a FIFO, a device, too large),
   * else it was read and is no take record (torn, foreign).
   */
  onSkip?(path: string, reason: string, refused: boolean): void;
}

/**
 * All readable take records in a folder; unreadable ones are skipped and told to `onSkip`. A
 * folder whose real path is outside `roots` (a symlinked `renders` leading elsewhere) is not read.
 */
export async function listTakeRecords(dir: string, o: ListOptions = {}): Promise<{ path: string; record: TakeRecord }[]> {
  const roots = await realRoots(o.roots ?? [dir]);
  const refused = await folderRefusal(dir, roots, { kind: 'output folder' });
  if (refused) {
    o.onSkip?.(dir, refused.message, true);
    return [];
  }
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: { path: string; record: TakeRecord }[] = [];
  for (const n of names.filter(n => n.endsWith('.take.json')).sort()) {
    const path = join(dir, n);
    try {
      out.push({ path, record: await readRecordUnder(path, roots) });
    } catch (e) {
      o.onSkip?.(path, errorText(e), isRefusal(e)); // partial, foreign, or refused by the boundary
    }
  }
  return out;
}
