import * as vscode from 'vscode';
import { hoverInfo } from '../../core';
import { toVsRange } from './convert';

/** Field documentation (description, default, allowed values) from the same zod source as validation. */
export class HoverProvider implements vscode.HoverProvider {
  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const info = hoverInfo(doc.getText(), doc.offsetAt(position));
    if (!info) {
      return undefined;
    }
    return new vscode.Hover(new vscode.MarkdownString(info.markdown), toVsRange(info.range));
  }
}
