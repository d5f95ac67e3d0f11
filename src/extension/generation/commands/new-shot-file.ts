import * as vscode from 'vscode';
import { newShotFile } from '../new-shot-file';

/** klingStudio.newShotFile: a new shot file from a template, in the folder given (Explorer) or asked for. */
export function registerNewShotFileCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.newShotFile', (folder?: unknown) =>
    newShotFile(folder instanceof vscode.Uri ? folder : undefined),
  );
}
