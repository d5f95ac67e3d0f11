// The one budget check, used by the CLI (`--budget`) and the extension (settings) alike: a submit
// is refused before anything is uploaded when the spend so far plus this request would pass a budget.
import type { SpendTotal } from './ledger';

export interface Budgets {
  /** USD for today (local calendar day); undefined: no daily budget. */
  dailyUsd?: number;
  /** USD for everything the ledger read (the workspace or folder); undefined: none. */
  workspaceUsd?: number;
}

export interface BudgetRefusal {
  budget: 'daily' | 'workspace';
  spentUsd: number;
  /** This request (a batch or variations: all of it); undefined when it cannot be estimated. */
  requestUsd: number | undefined;
  budgetUsd: number;
  message: string;
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** A budget of 0 refuses every paid submit; negative or non-finite budgets are treated as unset. */
export function normalizeBudget(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * undefined when the request fits every budget. A request whose cost cannot be estimated is refused
 * whenever a budget is set: a budget that lets unknown amounts through caps nothing.
 */
export function checkBudget(
  spent: { today: SpendTotal; workspace: SpendTotal },
  requestUsd: number | undefined,
  budgets: Budgets,
): BudgetRefusal | undefined {
  const checks: [BudgetRefusal['budget'], number | undefined, number, string][] = [
    ['daily', normalizeBudget(budgets.dailyUsd), spent.today.usd, 'today'],
    ['workspace', normalizeBudget(budgets.workspaceUsd), spent.workspace.usd, 'in this workspace'],
  ];
  for (const [budget, limit, already, where] of checks) {
    if (limit === undefined) continue;
    // Compared in cents: $0.84 + $0.16 against $1.00 must fit despite binary fractions.
    const over = requestUsd === undefined || Math.round((already + requestUsd) * 100) > Math.round(limit * 100);
    if (!over) continue;
    const req = requestUsd === undefined ? 'an amount that cannot be estimated' : usd(requestUsd);
    return {
      budget,
      spentUsd: already,
      requestUsd,
      budgetUsd: limit,
      message: `over the ${budget} budget: ${usd(already)} spent ${where} + ${req} for this request > ${usd(limit)} budget`,
    };
  }
  return undefined;
}
