import * as vscode from 'vscode';
import * as path from 'node:path';

export const EXTENSION_ID = 'kling-studio.kling-studio';

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the in-host suites need a workspace folder');
  }
  return folder.uri.fsPath;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), ...segments));
}

export function activeTabInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
