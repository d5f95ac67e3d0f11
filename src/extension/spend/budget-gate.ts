import * as vscode from 'vscode';
import { checkBudget, normalizeBudget, type BudgetRefusal, type Budgets } from '../../core';
import type { SpendService } from './spend-service';
import { confirmationLines } from './spend-text';
import { notificationText } from '../notification-text';

export const BUDGET_SETTINGS = { daily: 'klingStudio.budget.dailyUsd', workspace: 'klingStudio.budget.workspaceUsd' } as const;

/** The budgets that apply to a shot (resource scope: a folder may set its own). */
export function configuredBudgets(scope?: vscode.Uri): Budgets {
  const c = vscode.workspace.getConfiguration('klingStudio.budget', scope);
  const daily = normalizeBudget(c.get<unknown>('dailyUsd'));
  const workspace = normalizeBudget(c.get<unknown>('workspaceUsd'));
  return { ...(daily !== undefined && { dailyUsd: daily }), ...(workspace !== undefined && { workspaceUsd: workspace }) };
}

export interface SpendCheck {
  refusal?: BudgetRefusal;
  /** For the cost confirmation: what this submit adds to today's and the workspace's totals. */
  lines: string[];
}

/**
 * The budget check of one Generate (a batch or variations: all of it, up front), on a freshly
 * summed ledger. `requestUsd` undefined: at least one shot's price cannot be estimated.
 */
export async function checkSpend(spend: SpendService, requestUsd: number | undefined, scope: vscode.Uri): Promise<SpendCheck> {
  const ledger = await spend.refresh();
  const refusal = checkBudget(ledger, requestUsd, configuredBudgets(scope));
  return { ...(refusal && { refusal }), lines: confirmationLines(ledger, requestUsd) };
}

/** The refusal, with its figures and a button to the setting that caused it. */
export function explainBudgetRefusal(r: BudgetRefusal): void {
  const open = vscode.l10n.t('Open Setting');
  void vscode.window
    .showErrorMessage(notificationText(vscode.l10n.t('Kling: not generated, nothing was uploaded or submitted — {0}.', r.message)), open)
    .then(pick => {
      if (pick === open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS[r.budget]);
      }
    });
}
