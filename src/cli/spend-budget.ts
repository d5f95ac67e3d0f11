// The CLI side of budgets: which folders a run's budgets cover (each shot's project and every
// output folder), read from the flags. The check itself is the take session's reservation.
import * as path from 'node:path';
import type { BudgetRefusal, Budgets } from '../core';
import type { BudgetScope, PreparedShot } from '../takes';
import { projectRootsOf } from './project-root';

/** Exit code of a generate refused by its budget (1 is "a take failed", 2 a usage error). */
export const EXIT_OVER_BUDGET = 3;

/** The flag, else its environment variable; a string is a usage error to report. */
export function budgetFrom(
  flag: string | undefined,
  env: string | undefined,
  flagName: string,
  envName: string,
): number | undefined | string {
  const [raw, name] = flag !== undefined ? [flag, flagName] : [env, envName];
  if (raw === undefined || raw.trim() === '') return flag !== undefined ? `${name} needs an amount in USD` : undefined;
  const n = Number(raw.trim().replace(/^\$/, ''));
  if (!/^\$?\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(n) || n < 0)
    return `${name} must be an amount in USD (e.g. 5 or 12.50), not '${raw}'`;
  return n;
}

/** One budget over the whole run: the spend below every shot's project and every output folder. */
export async function budgetsOfRun(
  shots: readonly PreparedShot[],
  limits: { workspaceUsd: number | undefined; dailyUsd: number | undefined },
): Promise<BudgetScope> {
  const folders = new Set<string>();
  for (const s of shots) {
    for (const root of await projectRootsOf(s.shotFile)) folders.add(root);
    folders.add(path.resolve(s.outputDir));
  }
  const budgets: Budgets = {
    ...(limits.workspaceUsd !== undefined && { workspaceUsd: limits.workspaceUsd }),
    ...(limits.dailyUsd !== undefined && { dailyUsd: limits.dailyUsd }),
  };
  return { folders: [...folders], budgets };
}

export function refusalText(r: BudgetRefusal): string {
  return r.message;
}
