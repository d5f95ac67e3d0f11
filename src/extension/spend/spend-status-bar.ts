import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import { onDidChangeSetting } from '../settings/settings';
import { configuredBudgets } from './budget-gate';
import type { SpendService } from './spend-service';
import { workspaceTakeFolders } from '../common/take-index';
import { foldersBudgets, spendLines, statusBarText } from './spend-text';

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
    if (!l) {
      this.item.tooltip = vscode.l10n.t('Kling: adding up the take records…');
      return;
    }
    // Budgets are resource-scoped and checked per workspace folder: each against that folder's spend.
    const folders = workspaceTakeFolders().map(f => ({ ...f, budgets: configuredBudgets(vscode.Uri.file(f.folder)) }));
    const lines = spendLines(
      l,
      foldersBudgets(l, folders, f => this.spend.folderLedger(f), configuredBudgets()),
    );
    this.item.tooltip = `${lines.join('\n')}\n\n${vscode.l10n.t('From the take records: billed amounts where fal reported them, else the estimates.')}`;
  }
}
