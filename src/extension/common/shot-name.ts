import type * as vscode from 'vscode';

/** What a shot file is called in titles and messages: its file name. */
export function shotName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
