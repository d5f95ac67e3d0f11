// Renaming a cast member (klingStudio.renameCastMember, and F2 on a member's key in its cast
// file): the cast file's key and every shot that resolves to this cast, as ONE WorkspaceEdit, so
// one undo puts them all back.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeCast, errorText, isCastFile, memberKeyNode, memberNameProblem, renameMember } from '../../core';
import { labelText, notificationText } from '../../core/ui-text';
import { findCast, type ShotCast } from '../../takes';
import { workspaceRoots } from '../common/take-index';
import { vscodeEdits } from '../text-edits';

export const RENAME_CAST_MEMBER = 'klingStudio.renameCastMember';

/** The text of a file open in an editor (it wins over the disk). */
export const openText = (file: string): string | undefined =>
  vscode.workspace.textDocuments.find(d => d.uri.scheme === 'file' && d.uri.fsPath === file)?.getText();

/** The shot files under the cast file's folder, each with the cast its lookup finds (open files' text first). */
export async function shotsUnder(castFile: string): Promise<{ uri: vscode.Uri; cast: ShotCast }[]> {
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(vscode.Uri.file(path.dirname(castFile)), '**/*.kling.json'),
    '**/{node_modules,.git,.trash}/**',
    2000,
  );
  const out: { uri: vscode.Uri; cast: ShotCast }[] = [];
  for (const uri of found.sort((a, b) => a.fsPath.localeCompare(b.fsPath)))
    out.push({ uri, cast: await findCast(uri.fsPath, workspaceRoots(), { textOf: openText }) });
  return out;
}

/** The shot files under the cast file's folder whose cast lookup finds `name` in this cast file. */
export async function shotsUsingCast(castFile: string, name: string): Promise<{ shots: vscode.TextDocument[]; taken: Set<string> }> {
  const shots: vscode.TextDocument[] = [];
  // Names each shot also sees from other cast files: the new name must not clash with them either.
  const taken = new Set<string>();
  for (const { uri, cast } of await shotsUnder(castFile)) {
    if (cast.members.get(name)?.file !== castFile) continue;
    for (const [n, m] of cast.members) if (m.file !== castFile) taken.add(n);
    for (const n of cast.duplicates.keys()) taken.add(n);
    shots.push(await vscode.workspace.openTextDocument(uri));
  }
  return { shots, taken };
}

/** The one WorkspaceEdit of renaming `oldName` to `newName` in `castDoc` and its shots; throws a message naming the problem. */
export async function renameEdit(castDoc: vscode.TextDocument, oldName: string, newName: string): Promise<vscode.WorkspaceEdit> {
  const { shots, taken } = await shotsUsingCast(castDoc.uri.fsPath, oldName);
  const r = renameMember(
    castDoc.getText(),
    oldName,
    newName,
    shots.map(d => ({ file: d.uri.fsPath, text: d.getText() })),
    taken,
  );
  const we = new vscode.WorkspaceEdit();
  we.set(castDoc.uri, vscodeEdits(castDoc, r.cast));
  for (const s of r.shots) {
    const doc = shots.find(d => d.uri.fsPath === s.file)!;
    we.set(doc.uri, vscodeEdits(doc, s.edits));
  }
  return we;
}

async function askName(castDoc: vscode.TextDocument): Promise<string | undefined> {
  const names = analyzeCast(castDoc.uri.fsPath, castDoc.getText()).members.map(m => m.name);
  if (names.length === 0) {
    void vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('{0} has no members to rename.', path.basename(castDoc.uri.fsPath))),
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    names.map(name => ({ label: labelText(name), name })),
    { title: vscode.l10n.t('Rename Cast Member'), placeHolder: vscode.l10n.t('Member to rename') },
  );
  return pick?.name;
}

/**
 * Rename `oldName` (asked when not given) to `newName` (asked when not given) in the cast file
 * `uri` (the active editor's when not given). Returns whether the edit was applied.
 */
export async function renameCastMember(uri?: vscode.Uri, oldName?: string, newName?: string): Promise<boolean> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  if (!target || target.scheme !== 'file' || !isCastFile(target.fsPath)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a cast file (*.kling-cast.json) to rename one of its members.'));
    return false;
  }
  const castDoc = await vscode.workspace.openTextDocument(target);
  const from = oldName ?? (await askName(castDoc));
  if (from === undefined) return false;
  const names = analyzeCast(castDoc.uri.fsPath, castDoc.getText()).members.map(m => m.name);
  const to =
    newName ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename {0}', from),
      prompt: vscode.l10n.t('The new name; every shot that uses {0} is updated.', from),
      value: from,
      validateInput: v =>
        v === from
          ? undefined
          : memberNameProblem(
              v,
              names.filter(n => n !== from),
            ),
    }));
  if (to === undefined || to === from) return false;
  try {
    return await vscode.workspace.applyEdit(await renameEdit(castDoc, from, to));
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Cannot rename {0}: {1}', from, errorText(e))));
    return false;
  }
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
}

/** F2 on a member's key in its cast file: the same rename, as the editor's rename. */
export class CastMemberRenameProvider implements vscode.RenameProvider {
  private keyAt(doc: vscode.TextDocument, position: vscode.Position): { name: string; range: vscode.Range } | undefined {
    const offset = doc.offsetAt(position);
    const text = doc.getText();
    for (const m of analyzeCast(doc.uri.fsPath, text).members) {
      const key = memberKeyNode(text, m.name);
      if (key && offset >= key.offset && offset <= key.offset + key.length)
        return { name: m.name, range: new vscode.Range(doc.positionAt(key.offset + 1), doc.positionAt(key.offset + key.length - 1)) };
    }
    return undefined;
  }

  prepareRename(doc: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const at = this.keyAt(doc, position);
    if (!at) throw new Error(vscode.l10n.t('Put the cursor on a member name to rename it.'));
    return { range: at.range, placeholder: at.name };
  }

  async provideRenameEdits(doc: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const at = this.keyAt(doc, position);
    if (!at) throw new Error(vscode.l10n.t('Put the cursor on a member name to rename it.'));
    return renameEdit(doc, at.name, newName);
  }
}
