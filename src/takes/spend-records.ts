// Reads the take records the spend ledger sums: every `*.take.json` below the given folders. The
// records are the only bookkeeping there is, so an unreadable one is reported, never guessed at.
import type { z } from 'zod';
import { errorText } from '../core/error-text';
import { computeLedger, periodStarts, type Ledger } from '../core/spend/ledger';
import { TakeRecordSchema, type TakeRecord } from './store';
import { NotATakeRecordError, parseRecordText, type RecordReadOptions } from './store/record-read';
import { readRecordsBelow, readTakeRecordsBelow } from './store/records-below';

export interface SpendRecords {
  records: { path: string; record: TakeRecord }[];
  /** Files named like take records that did not parse (partial writes, foreign files). */
  unreadable: { path: string; reason: string }[];
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
  atFalUsd: true,
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
  return (await readRecordsBelow(folders, o, (text, path) => parseRecordText(text, path, LedgerRecordSchema))).records;
}

/**
 * Every take record below `folders`, each read through the boundary inside `roots` (default: the
 * folders): a FIFO, a device, a huge file or a record whose real path is elsewhere is reported
 * unreadable with the boundary's sentence, never read.
 */
export async function readSpendRecords(folders: readonly string[], o: RecordReadOptions = {}): Promise<SpendRecords> {
  const { records, unreadable } = await readTakeRecordsBelow(folders, o);
  return {
    records,
    unreadable: unreadable.map(({ path, error }) => ({
      path,
      reason: error instanceof NotATakeRecordError ? error.reason : errorText(error),
    })),
  };
}

/**
 * The ledger of the records below `folders` now (and, with `since`, of what was made after it):
 * `kling spend`, an agent's cap and VS Code's budget-left line read it the same way.
 */
export async function ledgerOf(
  folders: readonly string[],
  now: Date = new Date(),
  since?: number,
): Promise<{ ledger: Ledger; unreadable: string[] }> {
  const { records, unreadable } = await readSpendRecords(folders);
  return {
    ledger: computeLedger(
      records.map(r => r.record),
      { ...periodStarts(now), ...(since !== undefined && { since }) },
    ),
    unreadable: unreadable.map(u => `${u.path} (${u.reason})`),
  };
}
