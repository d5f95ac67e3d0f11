import * as vscode from 'vscode';
import { castMemberAt, castSlotAt, hoverInfo } from '../../core';
import { toVsRange } from './convert';
import type { CastAnalysisService } from './cast-analysis';
import { memberMarkdown, membersFor } from './cast-members';

/** Field documentation (description, default, allowed values) from the same zod source as validation. */
export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly casts?: CastAnalysisService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    if (this.casts && castSlotAt(text, offset)) {
      const at = castMemberAt(text, offset, await membersFor(doc, this.casts));
      if (at) return new vscode.Hover(memberMarkdown(at.member, doc.uri.fsPath), toVsRange(at.range));
    }
    const info = hoverInfo(text, offset);
    if (!info) {
      return undefined;
    }
    return new vscode.Hover(new vscode.MarkdownString(info.markdown), toVsRange(info.range));
  }
}
