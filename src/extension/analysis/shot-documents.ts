import * as vscode from 'vscode';

export const SHOT_FILE_SUFFIX = '.kling.json';

/** Shot files are recognised by name, whatever language mode the user picked for them. */
export function isShotDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.path.endsWith(SHOT_FILE_SUFFIX);
}

export const SHOT_SELECTOR: vscode.DocumentSelector = [{ pattern: `**/*${SHOT_FILE_SUFFIX}` }];
