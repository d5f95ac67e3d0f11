// Kling: New Sequence: a named `*.kling-seq.json` in the folder given (Explorer) or the first
// workspace folder, opened in the sequence editor, whose Add Shots… fills it.
import * as vscode from 'vscode';
import { starterSequenceText } from '../../core/starter-files';
import { askNewFileName, writeNewFile } from '../common/new-file';
import { SEQUENCE_EDITOR_VIEW_TYPE } from './sequence-editor-provider';

export async function newSequence(folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const dir = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  // A sequence names shot files relative to itself: it belongs in a folder of the workspace.
  if (!dir || dir.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(dir)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kling: open a folder first: a sequence lists the shot files of a folder.'));
    return undefined;
  }
  const uri = await askNewFileName(dir, { title: vscode.l10n.t('Kling: New Sequence'), base: 'film', suffix: '.kling-seq.json' });
  if (!uri || !(await writeNewFile(uri, starterSequenceText([])))) return undefined;
  await vscode.commands.executeCommand('vscode.openWith', uri, SEQUENCE_EDITOR_VIEW_TYPE);
  return uri;
}
