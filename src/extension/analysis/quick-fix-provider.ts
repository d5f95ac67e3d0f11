import * as vscode from 'vscode';
import { quickFixes } from '../../core';
import type { ShotAnalysisService } from './shot-analysis-service';
import { sameProblem } from './convert';
import { workspaceEdit } from '../text-edits';

/** Quick fixes come from core (minimal text edits); this only turns them into CodeActions. */
export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyses: ShotAnalysisService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.analyses.get(doc);
    const text = doc.getText();
    const actions: vscode.CodeAction[] = [];
    for (const vsDiag of context.diagnostics) {
      if (vsDiag.source !== 'Kling') {
        continue;
      }
      const diag = state.diagnostics.find(d => sameProblem(vsDiag, d));
      if (!diag) {
        continue;
      }
      for (const fix of quickFixes(text, diag)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [vsDiag];
        action.isPreferred = fix.isPreferred;
        action.edit = workspaceEdit(doc, fix.edits);
        actions.push(action);
      }
    }
    return actions;
  }
}
