import * as vscode from 'vscode';
import * as path from 'node:path';
import { folderOf, type BudgetRefusal, type Budgets } from '../../core';
import type { BudgetScope } from '../../takes';
import { notificationText } from '../../core/ui-text';
import { settingId } from '../settings/definitions';
import { getSetting } from '../settings/settings';

export const BUDGET_SETTINGS = { daily: settingId('budget.dailyUsd'), workspace: settingId('budget.workspaceUsd') } as const;

/** The budgets that apply to a shot (resource scope: a folder may set its own). */
export function configuredBudgets(scope?: vscode.Uri): Budgets {
  const daily = getSetting('budget.dailyUsd', scope);
  const workspace = getSetting('budget.workspaceUsd', scope);
  return { ...(daily !== null && { dailyUsd: daily }), ...(workspace !== null && { workspaceUsd: workspace }) };
}

/**
 * The budgets of one Generate, for the take session's reservation. Budgets are resource-scoped, so
 * each workspace folder's budgets are held against that folder's takes (and its shots' output
 * folders outside it) and its own shots' part of the request; a shot outside every folder is held
 * against the whole workspace with its own scope's budgets. `name` is the folder (undefined: none).
 */
export function budgetScopes(shots: readonly { uri: vscode.Uri; outputDir: string }[]): {
  scopes: BudgetScope[];
  scopesOf(shotFile: string): number[];
} {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
  const byKey = new Map<string, { scope: BudgetScope & { folders: string[] }; index: number }>();
  const of = new Map<string, number>();
  const scopes: (BudgetScope & { folders: string[] })[] = [];
  for (const s of shots) {
    const folder = folderOf(s.uri.fsPath, folders);
    const key = folder ?? `outside:${s.uri.fsPath}`;
    let entry = byKey.get(key);
    if (!entry) {
      const scope = {
        folders: folder !== undefined ? [folder] : [...folders],
        budgets: configuredBudgets(folder !== undefined ? vscode.Uri.file(folder) : s.uri),
        ...(folder !== undefined && { name: folder }),
      };
      entry = { scope, index: scopes.push(scope) - 1 };
      byKey.set(key, entry);
    }
    // Takes written outside the folder (an absolute output folder) still count against it.
    if (!entry.scope.folders.some(f => folderOf(s.outputDir, [f]) !== undefined)) {
      entry.scope.folders.push(s.outputDir);
    }
    of.set(s.uri.fsPath, entry.index);
  }
  return { scopes, scopesOf: file => (of.has(file) ? [of.get(file)!] : []) };
}

/**
 * In-host tests cannot click a notification's button: in Test mode they answer it here, and hear
 * which command the answer ran once it has run (the command itself runs for real).
 */
export interface BudgetRefusalTestHook {
  choose(message: string, actions: readonly string[]): string | undefined;
  ran(command: string, arg: string): void;
}
let testHook: BudgetRefusalTestHook | undefined;

/** Only reachable through the Test-mode API (activate returns it in ExtensionMode.Test only). */
export function setBudgetRefusalHookForTests(hook: BudgetRefusalTestHook | undefined): void {
  testHook = hook;
}

/** The refusal, with its figures and a button to the setting that caused it. */
export function explainBudgetRefusal(r: BudgetRefusal & { folder?: string | undefined }): void {
  const open = vscode.l10n.t('Open Setting');
  // In a multi-root workspace, say whose budget it is: each folder may set its own.
  const many = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 && r.folder !== undefined;
  const text = notificationText(
    many
      ? vscode.l10n.t(
          'Kling: not generated, nothing was uploaded or submitted — folder {0}: {1}.',
          vscode.workspace.getWorkspaceFolder(vscode.Uri.file(r.folder!))?.name ?? path.basename(r.folder!),
          r.message,
        )
      : vscode.l10n.t('Kling: not generated, nothing was uploaded or submitted — {0}.', r.message),
  );
  const hook = testHook;
  const answer: Thenable<string | undefined> = hook
    ? Promise.resolve(hook.choose(text, [open]))
    : vscode.window.showErrorMessage(text, open);
  void answer.then(async pick => {
    if (pick !== open) return;
    const setting = BUDGET_SETTINGS[r.budget];
    await vscode.commands.executeCommand('workbench.action.openSettings', setting);
    hook?.ran('workbench.action.openSettings', setting);
  });
}
