import { budgetScopes, explainBudgetRefusal } from './budget-gate';
import { spendItems } from './spend-items';
import type { SpendService } from './spend-service';
import { SpendStatusBar } from './spend-status-bar';
import { confirmationLines } from './spend-text';

/**
 * The spend feature's status bar item, and what other features ask of the spend: Generate's
 * budgets and totals, the Generations view's Spend rows. The composition root hands them on.
 */
export function registerSpend(spend: SpendService) {
  const statusBar = new SpendStatusBar(spend);
  return {
    statusBar,
    budget: {
      totals: () => spend.refresh(),
      confirmationLines,
      scopes: budgetScopes,
      explainRefusal: explainBudgetRefusal,
    },
    rows: {
      rows: () => (spend.current ? spendItems(spend.current, spend.sequences) : undefined),
      onDidChange: spend.onDidChange,
    },
    dispose: () => statusBar.dispose(),
  };
}
