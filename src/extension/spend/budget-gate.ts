import * as vscode from 'vscode';
import * as path from 'node:path';
import { checkFolderBudgets, folderOf, normalizeBudget, requestShares, type BudgetRefusal, type Budgets } from '../../core';
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
  /** `folder`: the workspace folder whose budget refused (absolute path); undefined outside every folder. */
  refusal?: BudgetRefusal & { folder: string | undefined };
  /** For the cost confirmation: what this submit adds to today's and the workspace's totals. */
  lines: string[];
}

/**
 * The budget check of one Generate (a batch or variations: all of it, up front), on a freshly
 * summed ledger. Budgets are resource-scoped, so each workspace folder's budgets are held against
 * that folder's own spend and its own shots' share of the request (a shot outside every folder:
 * its own scope against the whole workspace). A shot's `usd` undefined: it cannot be estimated.
 */
export async function checkSpend(
  spend: SpendService,
  shots: readonly { uri: vscode.Uri; usd: number | undefined }[],
  takes: number,
): Promise<SpendCheck> {
  const ledger = await spend.refresh();
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
  const shares = requestShares(
    shots.map(s => ({ file: s.uri.fsPath, usd: s.usd })),
    takes,
    folders,
  );
  const outside = shots.find(s => folderOf(s.uri.fsPath, folders) === undefined);
  const refusal = checkFolderBudgets(
    [...shares].map(([folder, requestUsd]) => ({
      folder,
      spent: (folder !== undefined && spend.folderLedger(folder)) || ledger,
      requestUsd,
      budgets: configuredBudgets(folder !== undefined ? vscode.Uri.file(folder) : outside?.uri),
    })),
  );
  const unknown = shots.some(s => s.usd === undefined);
  const total = unknown ? undefined : takes * shots.reduce((sum, s) => sum + s.usd!, 0);
  return {
    ...(refusal && { refusal }),
    lines: confirmationLines(ledger, total),
  };
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
