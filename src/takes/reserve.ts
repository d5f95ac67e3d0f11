// Budget reservation across processes. Before any upload or submit, a Generate (one take, N
// variations or a batch, all or none) writes its takes' records as `reserved`, each carrying its
// estimate, under the ledger lock of every folder a budget of it sums. A budget is a check against
// the records below its folders, reservations included, so N processes racing a budget with room
// for one take submit exactly one. A reservation becomes the take's cost (the record goes on to
// `submitting`, then billed), or is released: the take failed before submit, or its process died
// before it (the next reservation that sums the folder finds its take lock free and releases it).
import * as l10n from '@vscode/l10n';
import { checkBudget, computeLedger, periodStarts, type BudgetRefusal, type Budgets, type Ledger } from '../core';
import { withLedgerLocks, type LedgerLockOptions } from './ledger-lock';
import { readLedgerRecords, type LedgerRecord } from './spend-records';
import { dirname, resolve } from 'node:path';
import {
  acquireTakeLock,
  nextTakeNumbers,
  readTakeRecord,
  releasedByDeath,
  releasedRecord,
  takeLockHeld,
  writeTakeRecord,
  type TakeRecord,
} from './store';

/** One budget check: the folders whose takes it sums, and its limits. */
export interface BudgetScope {
  /** Absolute folders: the project root or workspace folder, and output folders outside it. */
  folders: readonly string[];
  budgets: Budgets;
  /** Names the scope in a refusal (a workspace folder, a project, an agent's cap). */
  name?: string;
  /**
   * Epoch ms: only takes created since then count (an agent's cap covers what was made while its
   * server ran, not the project's earlier spend, which the project's own budgets cover).
   */
  since?: number;
}

export interface Reservation {
  recordPath: string;
  /**
   * Status `reserved`, with its estimate (`costEstimateUsd`) unless it cannot be estimated. Numbered
   * in place when written (`number`), so the work planned with this very object carries it.
   */
  record: TakeRecord;
  /** What the take may cost (undefined: cannot be estimated; 0 on the simulator). */
  usd: number | undefined;
  /** Indexes into the scopes of the reservation that cover this take. */
  scopes: readonly number[];
}

export type ReserveResult =
  | { ok: true; ledgers: (Ledger | undefined)[] }
  | { ok: false; refusal: BudgetRefusal & { scope: BudgetScope }; ledgers: (Ledger | undefined)[] };

const hasBudget = (b: Budgets) => b.dailyUsd !== undefined || b.workspaceUsd !== undefined;

/**
 * Releases the reservations below `folders` whose process is gone (their take lock is free), and
 * returns the records as they now stand, for the ledger.
 */
async function sumFolders(folders: readonly string[]): Promise<LedgerRecord[]> {
  const records = await readLedgerRecords(folders);
  const out: LedgerRecord[] = [];
  for (const r of records) {
    if (r.record.status !== 'reserved') {
      out.push(r.record);
      continue;
    }
    // Its process is alive (asked of the lock file alone, the common case): the reservation holds.
    const lock = (await takeLockHeld(r.path)) ? undefined : await acquireTakeLock(r.path);
    if (!lock) {
      out.push(r.record);
      continue;
    }
    try {
      const now = await readTakeRecord(r.path).catch(() => undefined);
      if (now?.status === 'reserved') {
        const released = releasedRecord(now, releasedByDeath());
        await writeTakeRecord(r.path, released, { durable: false });
        out.push(released);
      } else if (now) out.push(now);
    } finally {
      await lock.release();
    }
  }
  return out;
}

/**
 * Holds every reservation against every scope that covers it, or none of them: under the ledger
 * locks the scopes' folders are summed (dead reservations released), each budget is checked with
 * its part of the request, and only when all fit are the `reserved` records written. The callers
 * hold each take's lock (from planning) until the take ends, which is what keeps it counted.
 */
export async function reserveTakes(
  items: readonly Reservation[],
  scopes: readonly BudgetScope[],
  o: LedgerLockOptions & { now?: Date } = {},
): Promise<ReserveResult> {
  const now = o.now ?? new Date();
  const checked = scopes.map((s, i) => ({ s, i })).filter(({ s }) => hasBudget(s.budgets));
  // The output folders are locked too: a take's number is the next free one of its shot there, and
  // only holding the folder until the record is written keeps another process from taking it.
  const folders = [...checked.flatMap(({ s }) => s.folders), ...items.map(it => dirname(it.recordPath))];
  const write = async () => {
    await numberTakes(items);
    const written: string[] = [];
    try {
      for (const it of items) {
        // Seen by every other process at once (the rename); a reservation outlives no crash anyway.
        await writeTakeRecord(it.recordPath, it.record, { durable: false });
        written.push(it.recordPath);
      }
    } catch (e) {
      // All or none: what was written is released, so nothing stays held.
      for (const p of written) {
        const rec = items.find(it => it.recordPath === p)!.record;
        await writeTakeRecord(p, releasedRecord(rec, l10n.t('Not all takes of this Generate could be recorded; none was sent.'))).catch(
          () => undefined,
        );
      }
      throw e;
    }
  };
  return withLedgerLocks(
    folders,
    async () => {
      const ledgers: (Ledger | undefined)[] = scopes.map(() => undefined);
      for (const { s, i } of checked) {
        const ledger = computeLedger(await sumFolders(s.folders), {
          ...periodStarts(now),
          ...(s.since !== undefined && { since: s.since }),
        });
        ledgers[i] = ledger;
        const mine = items.filter(it => it.scopes.includes(i));
        const requestUsd = mine.some(it => it.usd === undefined)
          ? undefined
          : Math.round(mine.reduce((sum, it) => sum + it.usd!, 0) * 1e6) / 1e6;
        const refusal = checkBudget(ledger, requestUsd, s.budgets);
        if (refusal) return { ok: false as const, refusal: { ...refusal, scope: s }, ledgers };
      }
      await write();
      return { ok: true as const, ledgers };
    },
    o,
  );
}

/** Gives each new take of a shot the next free number in its output folder (the caller holds its ledger lock). */
async function numberTakes(items: readonly Reservation[]): Promise<void> {
  // Output folder → shot file → its new takes: each folder's records are read once.
  const folders = new Map<string, Map<string, Reservation[]>>();
  for (const it of items) {
    if (it.record.number !== undefined || it.record.shotFile === undefined) continue;
    const dir = dirname(it.recordPath);
    const shots = folders.get(dir) ?? new Map<string, Reservation[]>();
    folders.set(dir, shots);
    const shot = resolve(it.record.shotFile);
    shots.set(shot, [...(shots.get(shot) ?? []), it]);
  }
  for (const [dir, shots] of folders) {
    const next = await nextTakeNumbers(dir, new Map([...shots].map(([shot, group]) => [shot, group.length])));
    for (const [shot, group] of shots) group.forEach((it, i) => (it.record.number = next.get(shot)![i]));
  }
}
