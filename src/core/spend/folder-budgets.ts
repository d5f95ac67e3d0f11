// Spend per workspace folder: in a multi-root workspace each folder's records count in the
// innermost folder holding them (the Spend section, and the budgets the take session reserves against).
import { isInside } from '../media/check';
import { computeLedger, type Ledger, type LedgerPeriods, type SpendRecord } from './ledger';

/** The innermost of `folders` holding `file` (a folder nested in another owns its files); undefined: none. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) if (isInside(f, file) && (best === undefined || f.length > best.length)) best = f;
  return best;
}

/** One ledger per folder, from records found below them (each record counts in its innermost folder only). */
export function ledgersByFolder(
  records: readonly { path: string; record: SpendRecord }[],
  folders: readonly string[],
  periods: LedgerPeriods,
): Map<string, Ledger> {
  const grouped = new Map<string, SpendRecord[]>(folders.map(f => [f, []]));
  for (const r of records) {
    const f = folderOf(r.path, folders);
    if (f !== undefined) grouped.get(f)!.push(r.record);
  }
  return new Map([...grouped].map(([f, rs]) => [f, computeLedger(rs, periods)]));
}
