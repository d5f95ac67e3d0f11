import * as vscode from 'vscode';
import { castCompletionsAt, castSlotAt, completionsAt, type CompletionEntry } from '../../core';
import type { CastAnalysisService } from './cast-analysis';
import { membersFor } from './cast-members';

/**
 * Keys (with their defaults) and allowed values from core's field metadata: the same zod source
 * as validation and hovers. Shot files are language `kling-shot`, so VS Code's JSON completion
 * does not run on them and this is the only list the user sees.
 */
export class CompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['"', ':', '@'];

  constructor(private readonly casts?: CastAnalysisService) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    // Cast members (after @ in a prompt, in "cast") are looked up only where a name may go.
    const cast: CompletionEntry[] =
      this.casts && castSlotAt(text, offset) ? castCompletionsAt(text, offset, await membersFor(doc, this.casts)) : [];
    return [...cast, ...completionsAt(text, offset)].map((e, i) => {
      const item = new vscode.CompletionItem(
        e.label,
        e.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value,
      );
      item.insertText = new vscode.SnippetString(e.insertText);
      item.range = new vscode.Range(doc.positionAt(e.replace.offset), doc.positionAt(e.replace.offset + e.replace.length));
      // The typed text includes the opening quote; filter on the label as it appears in the file.
      item.filterText = e.kind === 'property' ? `"${e.label}"` : e.label;
      item.sortText = String(i).padStart(3, '0');
      if (e.detail) item.detail = e.detail;
      if (e.documentation) item.documentation = new vscode.MarkdownString(e.documentation);
      if (e.preselect) item.preselect = true;
      return item;
    });
  }
}
