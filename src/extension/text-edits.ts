// Core's edits are offsets into a text; VS Code's are ranges of a document. The document must be
// the one the edits were computed from, so its offsets mean the same characters.
import * as vscode from 'vscode';
import type { TextEdit } from '../core';

export function vscodeEdits(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map(e => new vscode.TextEdit(new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content));
}

/** All of `edits` as one WorkspaceEdit of `doc`: applied, it is one undo step. */
export function workspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of vscodeEdits(doc, edits)) we.replace(doc.uri, e.range, e.newText);
  return we;
}
