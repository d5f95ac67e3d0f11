import * as vscode from 'vscode';

/** The "Kling" output channel. Never log keys or signed URLs: log request ids. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Kling', { log: true });
}
