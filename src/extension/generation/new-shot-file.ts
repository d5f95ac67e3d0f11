import * as vscode from 'vscode';
import { askNewFileName, writeNewFile } from '../common/new-file';
import { pickMediaPath } from '../common/media-picker';
import { labelText } from '../../core/ui-text';
import { fillTemplate, shotTemplates } from '../../core/shot-templates';

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
  const uri = await askNewFileName(dir, {
    title: vscode.l10n.t('Kling: New Shot File'),
    base: pick.template.fileName,
    suffix: '.kling.json',
  });
  if (!uri) {
    return undefined;
  }
  // Ask for the files the template needs before writing it, so it never opens with an error.
  const media: Record<string, string> = {};
  for (const m of pick.template.media ?? []) {
    const rel = await pickMediaPath(uri, m.kind, m.title);
    if (rel === undefined) {
      return undefined;
    }
    media[m.key] = rel;
  }
  if (!(await writeNewFile(uri, fillTemplate(pick.template, media)))) {
    return undefined;
  }
  await vscode.commands.executeCommand('vscode.open', uri);
  return uri;
}
