// The one budget check, used by the CLI (`--budget`) and the extension (settings) alike: a submit
// is refused before anything is uploaded when the spend so far plus this request would pass a budget.
import * as l10n from '@vscode/l10n';
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

/** Each budget and each case (estimated or not) a whole sentence, so each translates whole. */
function refusalText(budget: BudgetRefusal['budget'], already: number, requestUsd: number | undefined, limit: number): string {
  if (budget === 'daily')
    return requestUsd === undefined
      ? l10n.t(
          'over the daily budget: {0} spent today + an amount that cannot be estimated for this request > {1} budget',
          usd(already),
          usd(limit),
        )
      : l10n.t('over the daily budget: {0} spent today + {1} for this request > {2} budget', usd(already), usd(requestUsd), usd(limit));
  return requestUsd === undefined
    ? l10n.t(
        'over the workspace budget: {0} spent in this workspace + an amount that cannot be estimated for this request > {1} budget',
        usd(already),
        usd(limit),
      )
    : l10n.t(
        'over the workspace budget: {0} spent in this workspace + {1} for this request > {2} budget',
        usd(already),
        usd(requestUsd),
        usd(limit),
      );
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
  const checks: [BudgetRefusal['budget'], number | undefined, number][] = [
    ['daily', normalizeBudget(budgets.dailyUsd), spent.today.usd],
    ['workspace', normalizeBudget(budgets.workspaceUsd), spent.workspace.usd],
  ];
  for (const [budget, limit, already] of checks) {
    if (limit === undefined) continue;
    // Compared in cents: $0.84 + $0.16 against $1.00 must fit despite binary fractions.
    const over = requestUsd === undefined || Math.round((already + requestUsd) * 100) > Math.round(limit * 100);
    if (!over) continue;
    return {
      budget,
      spentUsd: already,
      requestUsd,
      budgetUsd: limit,
      message: refusalText(budget, already, requestUsd, limit),
    };
  }
  return undefined;
}
