import * as vscode from 'vscode';
import type { Log } from '../log';
import { ShotAnalysisService } from './shot-analysis-service';
import { CastAnalysisService } from './cast-analysis';
import { QuickFixProvider } from './quick-fix-provider';
import { HoverProvider } from './hover-provider';
import { CompletionProvider } from './completion-provider';
import { SHOT_SELECTOR } from './shot-documents';

export function registerAnalysis(log: Log): { service: ShotAnalysisService; disposables: vscode.Disposable[] } {
  const casts = new CastAnalysisService(log);
  const service = new ShotAnalysisService(log, undefined, casts);
  return {
    service,
    disposables: [
      casts,
      service,
      vscode.languages.registerCodeActionsProvider(SHOT_SELECTOR, new QuickFixProvider(service), {
        providedCodeActionKinds: QuickFixProvider.kinds,
      }),
      vscode.languages.registerHoverProvider(SHOT_SELECTOR, new HoverProvider(casts)),
      vscode.languages.registerCompletionItemProvider(
        SHOT_SELECTOR,
        new CompletionProvider(casts),
        ...CompletionProvider.triggerCharacters,
      ),
    ],
  };
}
