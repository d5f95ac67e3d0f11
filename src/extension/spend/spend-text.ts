// Pure (no vscode): the words and figures of the spend views, unit-tested in test/unit/generation.
import type { Budgets, Ledger, SpendTotal } from '../../core';
import { formatUsd } from '../generation/cost-text';

const takes = (n: number) => `${n} take${n === 1 ? '' : 's'}`;

export function statusBarText(l: Ledger | undefined): string {
  return `Kling: ${l ? formatUsd(l.today.usd) : '$…'} today`;
}

function budgetLine(name: string, spent: SpendTotal, limit: number | undefined): string[] {
  if (limit === undefined) return [];
  const left = limit - spent.usd;
  return [`${name} budget ${formatUsd(limit)}: ${left >= 0 ? `${formatUsd(left)} left` : `${formatUsd(-left)} over`}`];
}

/** Lines shared by the status-bar tooltip and the Spend section. */
export function spendLines(l: Ledger, budgets: Budgets): string[] {
  return [
    `Today ${formatUsd(l.today.usd)} (${takes(l.today.takes)})`,
    `This month ${formatUsd(l.month.usd)} (${takes(l.month.takes)})`,
    `Workspace ${formatUsd(l.workspace.usd)} (${takes(l.workspace.takes)})`,
    ...budgetLine('Daily', l.today, budgets.dailyUsd),
    ...budgetLine('Workspace', l.workspace, budgets.workspaceUsd),
    ...(l.simulator.takes ? [`Simulator: ${takes(l.simulator.takes)} (free, not counted)`] : []),
    ...(l.unpriced ? [`${takes(l.unpriced)} without an estimate or billed amount (counted as $0)`] : []),
  ];
}

/** What the cost confirmation adds: where this submit takes today's and the workspace's totals. */
export function confirmationLines(l: Ledger, requestUsd: number | undefined): string[] {
  if (requestUsd === undefined) {
    return [`Spent so far: ${formatUsd(l.today.usd)} today, ${formatUsd(l.workspace.usd)} in this workspace.`];
  }
  return [
    `This adds ${formatUsd(requestUsd)}: today ${formatUsd(l.today.usd)} → ${formatUsd(l.today.usd + requestUsd)}, workspace ${formatUsd(l.workspace.usd)} → ${formatUsd(l.workspace.usd + requestUsd)}.`,
  ];
}
