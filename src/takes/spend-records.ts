// Reads the take records the spend ledger sums: every `*.take.json` below the given folders. The
// records are the only bookkeeping there is, so an unreadable one is reported, never guessed at.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { clipPathForRecord, TakeRecordSchema, type TakeRecord } from './store';
import { NotATakeRecordError, parseRecordText, recordTextSync, type RecordReadOptions } from './store/record-read';
import { realRoots } from './boundary';
import { errorText } from '../core/error-text';

export interface SpendRecords {
  records: { path: string; record: TakeRecord }[];
  /** Files named like take records that did not parse (partial writes, foreign files). */
  unreadable: { path: string; reason: string }[];
}

/** Folders never searched: dependencies and hidden folders (.git, .vscode, tool caches). */
const SKIP = (name: string) => name === 'node_modules' || name.startsWith('.');
/**
 * Records are read synchronously in slices, yielding to the event loop between slices: 10,000
 * small files read 4–5× faster this way than through the promise API's thread-pool round trips,
 * and a slice is short enough (a few ms) that the extension host stays responsive.
 */
const SLICE = 200;

/**
 * Absolute paths of every take record below `folders` (each listed once, sorted). A plain walk:
 * tinyglobby's ESM build (fdir) calls createRequire(import.meta.url) at load, which the CommonJS
 * bundles (extension, CLI) cannot provide. Symbolic links are not followed (no cycles).
 */
export async function findTakeRecordFiles(folders: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // gone or unreadable: nothing to count there
    }
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP(e.name)) subdirs.push(walk(join(dir, e.name)));
      } else if (e.isFile() && e.name.endsWith('.take.json')) found.add(join(dir, e.name));
    }
    await Promise.all(subdirs);
  };
  await Promise.all(folders.map(f => walk(resolve(f))));
  return [...found].sort();
}

/** Same checks as `readTakeRecord` (the boundary, then the schema), without its per-file thread-pool round trips. */
function readOne(path: string, roots: readonly string[]): TakeRecord {
  const rec = parseRecordText(recordTextSync(path, roots), path, TakeRecordSchema);
  return rec.clipPath === undefined ? rec : { ...rec, clipPath: clipPathForRecord(path) };
}

/**
 * Only what the ledger sums (core's SpendRecord): a budget reservation sums the records under a
 * lock that other processes wait on, and a whole record's schema costs several times more to check.
 */
const LedgerRecordSchema = TakeRecordSchema.pick({
  createdAt: true,
  status: true,
  requestId: true,
  statusUrl: true,
  costEstimateUsd: true,
  billedUsd: true,
  provider: true,
  shotFile: true,
  endpointId: true,
  cancel: true,
});
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;

/**
 * The records below `folders` as the ledger reads them (unreadable ones are left out, as they are
 * from spend). Each is read through the boundary, inside `roots` (default: the folders).
 */
export async function readLedgerRecords(
  folders: readonly string[],
  o: RecordReadOptions = {},
): Promise<{ path: string; record: LedgerRecord }[]> {
  const [paths, roots] = await Promise.all([findTakeRecordFiles(folders), realRoots(o.roots ?? folders)]);
  const out: { path: string; record: LedgerRecord }[] = [];
  for (const path of paths) {
    try {
      out.push({ path, record: parseRecordText(recordTextSync(path, roots), path, LedgerRecordSchema) });
    } catch {
      /* not a take record: spend reports it */
    }
  }
  return out;
}

/**
 * Every take record below `folders`, each read through the boundary inside `roots` (default: the
 * folders): a FIFO, a device, a huge file or a record whose real path is elsewhere is reported
 * unreadable with the boundary's sentence, never read.
 */
export async function readSpendRecords(folders: readonly string[], o: RecordReadOptions = {}): Promise<SpendRecords> {
  const [paths, roots] = await Promise.all([findTakeRecordFiles(folders), realRoots(o.roots ?? folders)]);
  const out: SpendRecords = { records: [], unreadable: [] };
  for (let i = 0; i < paths.length; i++) {
    if (i > 0 && i % SLICE === 0) await new Promise(r => setImmediate(r));
    const path = paths[i]!;
    try {
      out.records.push({ path, record: readOne(path, roots) });
    } catch (e) {
      const reason = e instanceof NotATakeRecordError ? e.reason : errorText(e);
      out.unreadable.push({ path, reason });
    }
  }
  return out;
}
