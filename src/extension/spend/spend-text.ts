// Pure (no vscode): the words and figures of the spend views, unit-tested in test/unit/generation.
import type { Budgets, Ledger, SpendTotal } from '../../core';
import { formatUsd } from '../common/cost-text';
import * as l10n from '@vscode/l10n';

const takes = (n: number) => (n === 1 ? l10n.t('1 take') : l10n.t('{0} takes', n));

export function statusBarText(l: Ledger | undefined): string {
  return l10n.t('Kling: {0} today', l ? formatUsd(l.today.usd) : '$…');
}

function budgetLine(name: 'daily' | 'workspace', spent: SpendTotal, limit: number | undefined): string[] {
  if (limit === undefined) return [];
  const left = limit - spent.usd;
  if (name === 'daily') {
    return [
      left >= 0
        ? l10n.t('Daily budget {0}: {1} left', formatUsd(limit), formatUsd(left))
        : l10n.t('Daily budget {0}: {1} over', formatUsd(limit), formatUsd(-left)),
    ];
  }
  return [
    left >= 0
      ? l10n.t('Workspace budget {0}: {1} left', formatUsd(limit), formatUsd(left))
      : l10n.t('Workspace budget {0}: {1} over', formatUsd(limit), formatUsd(-left)),
  ];
}

/**
 * The budgets of one workspace folder and the spend they are checked against (that folder's takes,
 * src/core/spend/folder-budgets.ts). `name` names the folder in a window with several.
 */
export interface FolderBudgets {
  name?: string;
  spent: Pick<Ledger, 'today' | 'workspace'>;
  budgets: Budgets;
}

function folderBudgetLines({ name, spent, budgets }: FolderBudgets): string[] {
  const lines = [...budgetLine('daily', spent.today, budgets.dailyUsd), ...budgetLine('workspace', spent.workspace, budgets.workspaceUsd)];
  return name === undefined ? lines : lines.map(line => l10n.t('{0}: {1}', name, line));
}

/**
 * What the tooltip says of each workspace folder's budgets: in a window with one folder its budgets
 * against its spend, unnamed; with several, each folder's by name (a folder not summed yet is left
 * out); with none, the window's budgets against the window's spend.
 */
export function foldersBudgets(
  windowSpend: Ledger,
  folders: readonly { folder: string; name: string; budgets: Budgets }[],
  spentIn: (folder: string) => Ledger | undefined,
  windowBudgets: Budgets,
): FolderBudgets[] {
  if (folders.length === 0) return [{ spent: windowSpend, budgets: windowBudgets }];
  return folders.flatMap(f => {
    const spent = spentIn(f.folder);
    return spent ? [{ ...(folders.length > 1 && { name: f.name }), spent, budgets: f.budgets }] : [];
  });
}

/**
 * The status-bar tooltip: the window's totals, then each folder's budgets against that folder's
 * own spend, as Generate checks them.
 */
export function spendLines(l: Ledger, folders: readonly FolderBudgets[]): string[] {
  return [
    l10n.t('Today {0} ({1})', formatUsd(l.today.usd), takes(l.today.takes)),
    l10n.t('This month {0} ({1})', formatUsd(l.month.usd), takes(l.month.takes)),
    l10n.t('Workspace {0} ({1})', formatUsd(l.workspace.usd), takes(l.workspace.takes)),
    ...folders.flatMap(folderBudgetLines),
    ...(l.simulator.takes
      ? [
          l.simulator.takes > l.simulator.unpriced
            ? l10n.t('Simulator: {0} at $0.00 (not counted), at fal prices: {1}', takes(l.simulator.takes), formatUsd(l.simulator.atFalUsd))
            : l10n.t('Simulator: {0} (free, not counted)', takes(l.simulator.takes)),
        ]
      : []),
    ...(l.unpriced ? [l10n.t('{0} without an estimate or billed amount (counted as $0)', takes(l.unpriced))] : []),
  ];
}

/** What the cost confirmation adds: where this submit takes today's and the workspace's totals. */
export function confirmationLines(l: Ledger, requestUsd: number | undefined): string[] {
  if (requestUsd === undefined) {
    return [l10n.t('Spent so far: {0} today, {1} in this workspace.', formatUsd(l.today.usd), formatUsd(l.workspace.usd))];
  }
  return [
    l10n.t(
      'This adds {0}: today {1} → {2}, workspace {3} → {4}.',
      formatUsd(requestUsd),
      formatUsd(l.today.usd),
      formatUsd(l.today.usd + requestUsd),
      formatUsd(l.workspace.usd),
      formatUsd(l.workspace.usd + requestUsd),
    ),
  ];
}
