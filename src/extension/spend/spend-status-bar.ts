import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import { onDidChangeSetting } from '../settings/settings';
import { configuredBudgets } from './budget-gate';
import type { SpendService } from './spend-service';
import { spendLines, statusBarText } from './spend-text';

/** "Kling: $X today", following the take records; the tooltip has month, workspace and budgets. */
export class SpendStatusBar extends Disposable {
  readonly item = this.register(vscode.window.createStatusBarItem('klingStudio.spend', vscode.StatusBarAlignment.Left, 49));

  constructor(private readonly spend: SpendService) {
    super();
    this.item.name = vscode.l10n.t('Kling Spend');
    this.item.command = 'workbench.view.extension.klingStudio';
    this.register(spend.onDidChange(() => this.update()));
    this.register(onDidChangeSetting(['budget.dailyUsd', 'budget.workspaceUsd'], () => this.update()));
    this.update();
    this.item.show();
  }

  private update(): void {
    const l = this.spend.current;
    this.item.text = statusBarText(l);
    this.item.tooltip = l
      ? `${spendLines(l, configuredBudgets()).join('\n')}\n\n${vscode.l10n.t('From the take records: billed amounts where fal reported them, else the estimates.')}`
      : vscode.l10n.t('Kling: adding up the take records…');
  }
}
