// The CLI side of budgets: which folders a budget covers, and the one check (core's checkBudget)
// over the spend read from them. `kling generate --budget` calls `refuseOverBudget` before any
// upload or submit.
import * as path from 'node:path';
import { readSpendRecords } from '../takes';
import { checkBudget, computeLedger, periodStarts, type BudgetRefusal, type Ledger } from '../core';
import { projectRootsOf } from './project-root';

/** Exit code of a generate refused by its budget (1 is "a take failed", 2 a usage error). */
export const EXIT_OVER_BUDGET = 3;

/** `--budget USD`, else `KLING_BUDGET_USD`; a string is a usage error to report. */
export function budgetFrom(flag: string | undefined, env: NodeJS.ProcessEnv): number | undefined | string {
  const [raw, name] = flag !== undefined ? [flag, '--budget'] : [env.KLING_BUDGET_USD, 'KLING_BUDGET_USD'];
  if (raw === undefined || raw.trim() === '') return flag !== undefined ? `${name} needs an amount in USD` : undefined;
  const n = Number(raw.trim().replace(/^\$/, ''));
  if (!Number.isFinite(n) || n < 0) return `${name} must be an amount in USD (e.g. 5 or 12.50), not '${raw}'`;
  return n;
}

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

/**
 * The spend below `folders` plus this request (a whole batch, counted up front) against the budget;
 * undefined when it fits.
 */
export async function refuseOverBudget(
  folders: readonly string[],
  requestUsd: number | undefined,
  budgetUsd: number,
): Promise<BudgetRefusal | undefined> {
  const { ledger } = await ledgerOf(folders);
  return checkBudget(ledger, requestUsd, { workspaceUsd: budgetUsd });
}

/** What a planned take needs for the budget check (a `JobInput`). */
export interface PlannedSpend {
  shotFile: string;
  outputDir: string;
  costEstimateUsd?: number | undefined;
}

/**
 * The budget check of a whole `kling generate` run, up front: the spend below each shot's project
 * and each output folder, plus every planned take (one with no estimate makes the request unknown).
 */
export async function checkPlanBudget(planned: readonly PlannedSpend[], budgetUsd: number): Promise<BudgetRefusal | undefined> {
  const folders = new Set<string>();
  for (const p of planned) {
    for (const root of await projectRootsOf(p.shotFile)) folders.add(root);
    folders.add(path.resolve(p.outputDir));
  }
  const known = planned.every(p => p.costEstimateUsd !== undefined);
  const requestUsd = known ? planned.reduce((s, p) => s + p.costEstimateUsd!, 0) : undefined;
  return refuseOverBudget([...folders], requestUsd, budgetUsd);
}
