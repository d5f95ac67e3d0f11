import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../media/atomic-write';
import { pickMediaPath } from '../common/media-picker';
import { labelText, notificationText } from '../../core/ui-text';
import { fillTemplate, shotTemplates } from '../../core/shot-templates';
import { errorText } from '../../core/error-text';

/** Kling: New Shot File — pick a template, name the file, open it in the shot editor. */
export async function newShotFile(folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const pick = await vscode.window.showQuickPick(
    // Made templates' words come from the registry (labels and ids), so they get the label escape too.
    shotTemplates().map(t => ({ label: labelText(t.label), description: labelText(t.description), template: t })),
    {
      title: vscode.l10n.t('Kling: New Shot File'),
      placeHolder: vscode.l10n.t('What kind of shot?'),
    },
  );
  if (!pick) {
    return undefined;
  }
  const dir = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!dir || dir.scheme !== 'file') {
    if (pick.template.media?.length) {
      // Its files are paths relative to the shot file: without a folder there is nothing to point at.
      void vscode.window.showInformationMessage(vscode.l10n.t('Kling: open a folder first: this template needs files from it.'));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'kling-shot', content: pick.template.text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(vscode.l10n.t('Kling: save the file with a name ending in .kling.json to generate it.'));
    return undefined;
  }
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Kling: New Shot File'),
    prompt: vscode.l10n.t('File name (".kling.json" is added)'),
    value: freeName(dir.fsPath, pick.template.fileName),
    validateInput: v =>
      !v.trim()
        ? vscode.l10n.t('Enter a name')
        : /[\\/:*?"<>|]/.test(v)
          ? vscode.l10n.t('No path separators or reserved characters')
          : existsSync(join(dir.fsPath, withSuffix(v)))
            ? vscode.l10n.t('A file with this name exists')
            : undefined,
  });
  if (!name) {
    return undefined;
  }
  const uri = vscode.Uri.joinPath(dir, withSuffix(name));
  // Ask for the files the template needs before writing it, so it never opens with an error.
  const media: Record<string, string> = {};
  for (const m of pick.template.media ?? []) {
    const rel = await pickMediaPath(uri, m.kind, m.title);
    if (rel === undefined) {
      return undefined;
    }
    media[m.key] = rel;
  }
  // Whole or not at all, and never over a file of the same name made since the name was checked.
  try {
    await writeFileAtomic(uri.fsPath, fillTemplate(pick.template, media), { exclusive: true });
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'EEXIST' ? vscode.l10n.t('a file with this name exists') : errorText(e);
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: could not create {0}: {1}', uri.fsPath, why)));
    return undefined;
  }
  await vscode.commands.executeCommand('vscode.open', uri);
  return uri;
}

function withSuffix(name: string): string {
  const n = name.trim();
  return n.endsWith('.kling.json') ? n : `${n}.kling.json`;
}

function freeName(dir: string, base: string): string {
  for (let i = 1; ; i++) {
    const n = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(join(dir, `${n}.kling.json`))) {
      return n;
    }
  }
}
