// Budgets are resource-scoped: in a multi-root workspace each folder may set its own, and each is
// held against that folder's spend and that folder's part of the request, never the whole window's.
import { isInside } from '../media/check';
import { checkBudget, type BudgetRefusal, type Budgets } from './budget';
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

/**
 * Each folder's share of a Generate: the cost of its shots times the takes of each (undefined when
 * one of its shots cannot be estimated). Shots outside every folder are keyed undefined.
 */
export function requestShares(
  shots: readonly { file: string; usd: number | undefined }[],
  takes: number,
  folders: readonly string[],
): Map<string | undefined, number | undefined> {
  const shares = new Map<string | undefined, number | undefined>();
  for (const s of shots) {
    const f = folderOf(s.file, folders);
    const before = shares.has(f) ? shares.get(f) : 0;
    shares.set(f, before === undefined || s.usd === undefined ? undefined : Math.round((before + s.usd * takes) * 1e6) / 1e6);
  }
  return shares;
}

/** One folder's part of a Generate: its spend so far, its shots' share of the request, its budgets. */
export interface FolderRequest {
  /** undefined: shots outside every workspace folder. */
  folder: string | undefined;
  spent: Pick<Ledger, 'today' | 'workspace'>;
  /** undefined: a shot of this folder cannot be estimated. */
  requestUsd: number | undefined;
  budgets: Budgets;
}

/** The first folder whose budgets the request would pass, with its figures; undefined when all fit. */
export function checkFolderBudgets(parts: readonly FolderRequest[]): (BudgetRefusal & { folder: string | undefined }) | undefined {
  for (const p of parts) {
    const refusal = checkBudget(p.spent, p.requestUsd, p.budgets);
    if (refusal) return { ...refusal, folder: p.folder };
  }
  return undefined;
}
