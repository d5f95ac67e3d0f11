import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import type { Jobs } from '../common/jobs';
import { progressMessage } from '../common/progress-text';
import { shotName } from '../common/shot-name';

/** `⟳ Kling: 2 running` while jobs run; click lists them with Cancel. */
export class JobsStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('klingStudio.jobs', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly service: Jobs) {
    super();
    this.item.name = vscode.l10n.t('Kling Generations');
    this.item.command = 'klingStudio.showRunning';
    this.register(service.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const jobs = this.service.running;
    // Drives the Cancel / Show Running entries of the Command Palette.
    void vscode.commands.executeCommand('setContext', 'klingStudio.jobsRunning', jobs.length > 0);
    if (!jobs.length) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Kling: {0} running', jobs.length)}`;
    this.item.tooltip =
      jobs.map(j => `${shotName(j.shotUri)}: ${progressMessage({ status: j.status, queuePosition: j.queuePosition })}`).join('\n') +
      '\n\n' +
      vscode.l10n.t('Click to show or cancel');
    this.item.show();
  }
}
