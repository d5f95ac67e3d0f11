import * as vscode from 'vscode';
import { createLog } from './log';
import { ShotEditorProvider } from './editor/shot-editor-provider';
import { registerCommands } from './commands';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log, ShotEditorProvider.register(context, log), ...registerCommands(log));
  log.info('Kling Studio activated');
}

export function deactivate(): void { /* everything is owned by context.subscriptions */ }
