// Add Shots… and New Shot… of the sequence editor: which shot files to append, as paths relative
// to the sequence. Picked from the workspace's shot files (several at once), or made by New Shot
// File (its templates and its questions, run as the command, so they are not written twice).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { labelText } from '../../core/ui-text';

/** `shot` as a sequence at `sequence` names it: relative, with forward slashes. */
export function entryPath(sequence: vscode.Uri, shot: vscode.Uri): string {
  return path.relative(path.dirname(sequence.fsPath), shot.fsPath).split(path.sep).join('/');
}

/** The workspace's shot files picked to add to `sequence`, in the order listed; undefined when cancelled. */
export async function pickShots(sequence: vscode.Uri, listed: ReadonlySet<string>): Promise<string[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*.kling.json', '**/{node_modules,.git}/**');
  const paths = found
    .filter(u => u.scheme === 'file')
    .map(u => entryPath(sequence, u))
    .sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')) || a.localeCompare(b));
  if (paths.length === 0) {
    const make = vscode.l10n.t('New Shot…');
    const pick = await vscode.window.showInformationMessage(vscode.l10n.t('Kling: there is no shot file in the workspace yet.'), make);
    return pick === make ? newShot(sequence) : undefined;
  }
  const picked = await vscode.window.showQuickPick(
    paths.map(p => ({
      // File names are text from the disk: the label escape keeps "$(…)" a name, not an icon.
      label: labelText(p),
      description: listed.has(p) ? vscode.l10n.t('already in this sequence') : undefined,
      entry: p,
    })),
    {
      title: vscode.l10n.t('Add Shots to {0}', path.basename(sequence.fsPath)),
      placeHolder: vscode.l10n.t('Choose shot files (Space selects, Enter adds them at the end)'),
      canPickMany: true,
      matchOnDescription: true,
    },
  );
  return picked?.length ? picked.map(p => p.entry) : undefined;
}

/** A new shot file from New Shot File's templates, next to the sequence; undefined when cancelled. */
export async function newShot(sequence: vscode.Uri): Promise<string[] | undefined> {
  const made = await vscode.commands.executeCommand<vscode.Uri | undefined>(
    'klingStudio.newShotFile',
    vscode.Uri.file(path.dirname(sequence.fsPath)),
  );
  return made ? [entryPath(sequence, made)] : undefined;
}
