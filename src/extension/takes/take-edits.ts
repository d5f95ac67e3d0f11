import * as vscode from 'vscode';
import { restoreRequestText, type RestoredRequest } from '../../core';
import { minimalEdit } from '../../core/edit';
import { notificationText } from '../../core/ui-text';
import { errorText } from '../../core/error-text';
import { workspaceEdit } from '../text-edits';
import type { TakeEntry } from '../common/take-index';
import { shotName } from '../common/shot-name';
import type { TakesPanelScope } from './takes-panel-scope';

// Notifications are not awaited: each resolves only when it is dismissed, and nothing waits on that.

/**
 * Writes the take's request into the shot file as one minimal edit of its document, so the
 * custom editor follows and one Undo brings the exact old text back. False when nothing was done.
 */
export async function useSettings(scope: TakesPanelScope, entry: TakeEntry, announce: boolean): Promise<boolean> {
  const { shotUri } = scope;
  const doc = await vscode.workspace.openTextDocument(shotUri);
  const before = doc.getText();
  let restored: RestoredRequest;
  try {
    restored = restoreRequestText(before, entry.record.endpointId, entry.record.body);
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: {0}: {1}', shotName(shotUri), errorText(e))));
    return false;
  }
  const kept = restored.keptLocal.length
    ? ' ' +
      vscode.l10n.t('Kept your local media at {0} (the take sent uploaded copies).', restored.keptLocal.map(p => p.join('.')).join(', '))
    : '';
  const edit = minimalEdit(before, restored.text);
  if (!edit) {
    if (announce) {
      void vscode.window.showInformationMessage(
        notificationText(vscode.l10n.t("Kling: {0} already has this take's settings.", shotName(shotUri)) + kept),
      );
    }
    return true;
  }
  if (!(await vscode.workspace.applyEdit(workspaceEdit(doc, [edit])))) {
    void vscode.window.showErrorMessage(
      notificationText(vscode.l10n.t('Kling: could not edit {0} (is it read-only?).', shotName(shotUri))),
    );
    return false;
  }
  if (announce) {
    void vscode.window.showInformationMessage(
      notificationText(
        vscode.l10n.t(
          'Kling: {0} now has the settings of the take from {1} (Undo brings the file back).',
          shotName(shotUri),
          new Date(entry.record.createdAt).toLocaleString(),
        ) + kept,
      ),
    );
  }
  return true;
}

/** Regenerate from a take: its request, after asking when the file has moved on since. */
export async function regenerateTake(scope: TakesPanelScope, entry: TakeEntry): Promise<void> {
  const { shotUri } = scope;
  const doc = await vscode.workspace.openTextDocument(shotUri);
  let differs: boolean;
  try {
    differs = restoreRequestText(doc.getText(), entry.record.endpointId, entry.record.body).text !== doc.getText();
  } catch {
    differs = true;
  }
  if (differs) {
    const which = await scope.deps.prompts().regenerateWhich(shotName(shotUri));
    if (!which || (which === 'take' && !(await useSettings(scope, entry, false)))) {
      return;
    }
  }
  await vscode.commands.executeCommand('klingStudio.generate', shotUri);
}
