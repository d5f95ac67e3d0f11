import * as vscode from 'vscode';
import type { ShotAnalysis, ShotDiagnostic } from '../../core';

/** One analysis of a document version, as the editor needs it. */
export interface EditorAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly analysis: ShotAnalysis;
  readonly diagnostics: readonly ShotDiagnostic[];
  readonly mediaChecked: boolean;
}

/**
 * Where the editor gets diagnostics from: the extension's ShotAnalysisService (one computation per
 * version shared with the Problems panel, media checks included). An interface, so the editor
 * depends on what it uses rather than on the service class.
 */
export interface AnalysisSource {
  get(document: vscode.TextDocument): EditorAnalysis;
  readonly onDidChange: vscode.Event<EditorAnalysis>;
}
