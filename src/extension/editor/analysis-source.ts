import * as vscode from 'vscode';
import { analyzeShot, type ShotAnalysis, type ShotDiagnostic } from '../../core';

/** One analysis of a document version, as the editor needs it. */
export interface EditorAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly analysis: ShotAnalysis;
  readonly diagnostics: readonly ShotDiagnostic[];
  readonly mediaChecked: boolean;
}

/**
 * Where the editor gets diagnostics from. The extension passes its ShotAnalysisService (one
 * computation per version shared with the Problems panel, media checks included); the fallback
 * below only exists so the editor works on its own (e.g. if registered without the service).
 */
export interface AnalysisSource {
  get(document: vscode.TextDocument): EditorAnalysis;
  readonly onDidChange: vscode.Event<EditorAnalysis>;
}

export function standaloneAnalysisSource(): AnalysisSource & vscode.Disposable {
  const cache = new Map<string, EditorAnalysis>();
  const emitter = new vscode.EventEmitter<EditorAnalysis>();
  const closed = vscode.workspace.onDidCloseTextDocument(d => cache.delete(d.uri.toString()));
  return {
    get(document) {
      const key = document.uri.toString();
      const hit = cache.get(key);
      if (hit && hit.version === document.version) { return hit; }
      const analysis = analyzeShot(document.getText());
      // No media checks here (that is the service's job), so nothing is pending: report it complete.
      const state: EditorAnalysis = { uri: document.uri, version: document.version, analysis, diagnostics: analysis.diagnostics, mediaChecked: true };
      cache.set(key, state);
      return state;
    },
    onDidChange: emitter.event,
    dispose() { closed.dispose(); emitter.dispose(); cache.clear(); },
  };
}
