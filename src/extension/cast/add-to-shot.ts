// "Add Members from the Cast…" (klingStudio.addCastMembers), from the shot editor's cast chips or
// the palette: the members the shot's cast lookup finds and its "cast" does not list yet, picked
// several at once, appended to "cast" as one edit.
import * as vscode from 'vscode';
import { addToShotCastEdits, errorText, shotCastNames } from '../../core';
import { labelText, notificationText } from '../../core/ui-text';
import { findCast } from '../../takes';
import { workspaceRoots } from '../common/take-index';
import { workspaceEdit } from '../text-edits';

export const ADD_CAST_MEMBERS = 'klingStudio.addCastMembers';

const openText = (file: string): string | undefined =>
  vscode.workspace.textDocuments.find(d => d.uri.scheme === 'file' && d.uri.fsPath === file)?.getText();

/** Adds `names` (asked when not given) to the shot `uri`'s "cast"; returns whether the file changed. */
export async function addCastMembers(uri?: vscode.Uri, names?: readonly string[]): Promise<boolean> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== 'file' || !target.path.endsWith('.kling.json')) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a shot file (*.kling.json) to add cast members to it.'));
    return false;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const listed = new Set(shotCastNames(doc.getText()));
  const cast = await findCast(target.fsPath, workspaceRoots(), { textOf: openText });
  const offered = [...cast.members.values()].filter(m => !listed.has(m.name));
  let chosen = names;
  if (!chosen) {
    if (offered.length === 0) {
      void vscode.window.showInformationMessage(
        cast.members.size
          ? vscode.l10n.t('This shot lists every member of its cast already.')
          : vscode.l10n.t('No cast file (*.kling-cast.json) in this folder or above it defines members.'),
      );
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      offered.map(m => ({
        label: labelText(m.name),
        detail: labelText(m.description ?? ''),
        name: m.name,
      })),
      { canPickMany: true, title: vscode.l10n.t('Add Members from the Cast'), placeHolder: vscode.l10n.t('Members this shot uses') },
    );
    if (!picked?.length) return false;
    chosen = picked.map(p => p.name);
  }
  const unknown = chosen.filter(n => !cast.members.has(n));
  if (unknown.length) {
    void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('No cast member of this shot is named {0}.', unknown.join(', '))));
    return false;
  }
  try {
    const edits = addToShotCastEdits(doc.getText(), chosen);
    return edits.length > 0 && (await vscode.workspace.applyEdit(workspaceEdit(doc, edits)));
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Cannot add to "cast": {0}', errorText(e))));
    return false;
  }
}
