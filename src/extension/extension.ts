import * as vscode from 'vscode';
import { createLog } from './log';
import { ShotEditorProvider } from './editor/shot-editor-provider';
import { registerCommands } from './commands';
import { registerAnalysis } from './analysis/register';
import type { ShotAnalysisService } from './analysis/shot-analysis-service';
import { registerGeneration, type GenerationApi } from './generation/register';

/** What activate() returns: used by the in-host tests, not a public API. */
export interface KlingStudioApi {
  analyses: ShotAnalysisService;
  generation: GenerationApi;
}

/** Set while active: what deactivate must let finish before the host goes away. */
let stopGenerations: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): KlingStudioApi {
  const log = createLog();
  const analysis = registerAnalysis(log);
  context.subscriptions.push(
    log,
    ...analysis.disposables,
    ShotEditorProvider.register(context, log, analysis.service),
    ...registerCommands(log),
  );
  const generation = registerGeneration(context, log, analysis.service);
  stopGenerations = () => generation.service.stopWatching();
  log.info('Kling Studio activated');
  return { analyses: analysis.service, generation };
}

/**
 * VS Code waits for this promise (briefly) before disposing context.subscriptions: a submit on the
 * wire gets its request id journalled, so the next activation resumes the paid job.
 */
export function deactivate(): Promise<void> | undefined {
  const stop = stopGenerations;
  stopGenerations = undefined;
  return stop?.();
}
