import * as vscode from 'vscode';
import { createLog } from './log';
import { ShotEditorProvider } from './editor/shot-editor-provider';
import { registerCommands } from './commands';
import { registerAnalysis } from './analysis/register';
import type { ShotAnalysisService } from './analysis/shot-analysis-service';
import { registerGeneration, type GenerationApi } from './generation/register';

/** What activate() returns: used by the in-host tests, not a public API. */
export interface KlingStudioApi { analyses: ShotAnalysisService; generation: GenerationApi }

export function activate(context: vscode.ExtensionContext): KlingStudioApi {
  const log = createLog();
  const analysis = registerAnalysis(log);
  context.subscriptions.push(log, ...analysis.disposables, ShotEditorProvider.register(context, log, analysis.service), ...registerCommands(log));
  const generation = registerGeneration(context, log, analysis.service);
  log.info('Kling Studio activated');
  return { analyses: analysis.service, generation };
}

export function deactivate(): void { /* everything is owned by context.subscriptions */ }
