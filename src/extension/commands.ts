import * as vscode from 'vscode';
import type { Log } from './log';

export function registerCommands(_log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('klingStudio.reopenAsText', async (uri?: vscode.Uri) => {
      const target = uri ?? activeShotUri();
      if (!target) {
        return;
      }
      await vscode.commands.executeCommand('vscode.openWith', target, 'default');
    }),
  ];
}

/** The shot file of the active tab, whether it shows the custom editor or a text editor. */
export function activeShotUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    return input.uri;
  }
  return vscode.window.activeTextEditor?.document.uri;
}
