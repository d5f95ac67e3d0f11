import * as vscode from 'vscode';
import type { Log } from '../log';
import { ShotAnalysisService } from './shot-analysis-service';
import { QuickFixProvider } from './quick-fix-provider';
import { HoverProvider } from './hover-provider';
import { CompletionProvider } from './completion-provider';
import { SHOT_SELECTOR } from './shot-documents';

export function registerAnalysis(log: Log): { service: ShotAnalysisService; disposables: vscode.Disposable[] } {
  const service = new ShotAnalysisService(log);
  return {
    service,
    disposables: [
      service,
      vscode.languages.registerCodeActionsProvider(SHOT_SELECTOR, new QuickFixProvider(service), {
        providedCodeActionKinds: QuickFixProvider.kinds,
      }),
      vscode.languages.registerHoverProvider(SHOT_SELECTOR, new HoverProvider()),
      vscode.languages.registerCompletionItemProvider(SHOT_SELECTOR, new CompletionProvider(), ...CompletionProvider.triggerCharacters),
    ],
  };
}
