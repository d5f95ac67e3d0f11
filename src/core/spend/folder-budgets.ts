// Spend per workspace folder: in a multi-root workspace each folder has its own budgets, checked
// against that folder's takes (src/takes/reserve.ts); what the status bar says of a folder's budget
// must be summed the same way.
import { isInside } from '../media/check';
import { computeLedger, type Ledger, type LedgerPeriods, type SpendRecord } from './ledger';

/** The innermost of `folders` holding `file` (a folder nested in another owns its files); undefined: none. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) if (isInside(f, file) && (best === undefined || f.length > best.length)) best = f;
  return best;
}

/** A workspace folder and the folders its takes are summed from: itself and the output folders it names elsewhere. */
export interface FolderScope {
  folder: string;
  folders: readonly string[];
}

/**
 * One ledger per scope, keyed by its folder: every record below any of the scope's folders, as the
 * budget reservation sums a scope (a record of a folder nested in another counts in both, as it does
 * there).
 */
export function scopeLedgers(
  records: readonly { path: string; record: SpendRecord }[],
  scopes: readonly FolderScope[],
  periods: LedgerPeriods,
): Map<string, Ledger> {
  return new Map(
    scopes.map(s => [
      s.folder,
      computeLedger(
        records.filter(r => s.folders.some(f => isInside(f, r.path))).map(r => r.record),
        periods,
      ),
    ]),
  );
}
