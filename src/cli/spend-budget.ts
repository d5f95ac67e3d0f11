// The CLI side of budgets: which folders a budget covers, and the one check (core's checkBudget)
// over the spend read from them. `kling generate --budget` calls `refuseOverBudget` before any
// upload or submit.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { readSpendRecords } from '../client';
import { checkBudget, computeLedger, periodStarts, type BudgetRefusal, type Ledger } from '../core';

/** Exit code of a generate refused by its budget (1 is "a take failed", 2 a usage error). */
export const EXIT_OVER_BUDGET = 3;

/**
 * The project a shot belongs to: the nearest ancestor with `.git`, `.vscode` or `package.json`,
 * never `/` or the home folder; else the shot's own folder.
 */
export function projectRootOf(shotFile: string): string {
  const home = path.resolve(homedir());
  const start = path.dirname(path.resolve(shotFile));
  for (let dir = start; ;) {
    const parent = path.dirname(dir);
    if (dir === parent || dir === home) break;
    if (['.git', '.vscode', 'package.json'].some(m => existsSync(path.join(dir, m)))) return dir;
    dir = parent;
  }
  return start;
}

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
  shotFile?: string;
  outputPath: string;
  costEstimateUsd?: number;
}

/**
 * The budget check of a whole `kling generate` run, up front: the spend below each shot's project
 * and each output folder, plus every planned take (one with no estimate makes the request unknown).
 */
export async function checkPlanBudget(planned: readonly PlannedSpend[], budgetUsd: number): Promise<BudgetRefusal | undefined> {
  const folders = new Set<string>();
  for (const p of planned) {
    if (p.shotFile !== undefined) folders.add(projectRootOf(p.shotFile));
    folders.add(path.dirname(path.resolve(p.outputPath)));
  }
  const known = planned.every(p => p.costEstimateUsd !== undefined);
  const requestUsd = known ? planned.reduce((s, p) => s + p.costEstimateUsd!, 0) : undefined;
  return refuseOverBudget([...folders], requestUsd, budgetUsd);
}
