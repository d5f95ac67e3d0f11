import * as vscode from 'vscode';

/**
 * A clip's URI for a webview. A re-downloaded clip has new bytes at the same path: the query
 * changes with the file (mtime and size), so the webview's cache never shows the old one.
 */
export function clipWebviewSrc(webview: vscode.Webview, file: string, st: { mtimeMs: number; size: number }): string {
  return `${webview.asWebviewUri(vscode.Uri.file(file)).toString()}?v=${Math.round(st.mtimeMs)}-${st.size}`;
}
