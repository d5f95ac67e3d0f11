import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { createLog } from './log';
import { ShotEditorProvider } from './editor/shot-editor-provider';
import { registerCommands } from './commands';
import { registerAnalysis } from './analysis/register';
import type { ShotAnalysisService } from './analysis/shot-analysis-service';
import { GenerationFeature } from './generation/generation-feature';
import { generationTestHooks, type GenerationTestHooks } from './generation/test-hooks';
import { registerContinuity } from './continuity/register';
import { exportCut } from './sequence/export-cut';
import { SequenceDiagnostics } from './sequence/sequence-diagnostics';
import { SequenceEditorProvider } from './sequence/sequence-editor-provider';
import { TakeChanges } from './common/take-changes';

/** What activate() returns to the in-host tests (ExtensionMode.Test only): not a public API. */
export interface KlingStudioApi {
  analyses: ShotAnalysisService;
  generation: GenerationTestHooks;
}

/** Set while active: what deactivate must let finish before the host goes away. */
let stopGenerations: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): KlingStudioApi | undefined {
  // Pure modules (no vscode import, unit-tested in Node) translate with @vscode/l10n: give it the
  // same bundle vscode.l10n uses (none for English).
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = createLog();
  const analysis = registerAnalysis(log);
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const takeChanges = new TakeChanges();
  context.subscriptions.push(
    log,
    ...analysis.disposables,
    takeChanges,
    ShotEditorProvider.register(context, log, analysis.service, { testHooks: testMode, takeChanges }),
    ...registerCommands(log),
    new SequenceDiagnostics(log),
    vscode.commands.registerCommand('klingStudio.exportCut', (uri?: vscode.Uri, target?: vscode.Uri) => exportCut(log, uri, target)),
  );
  const generation = new GenerationFeature(context, log, analysis.service, takeChanges);
  context.subscriptions.push(generation, registerContinuity({ takes: generation.takes, log }, testMode));
  context.subscriptions.push(
    SequenceEditorProvider.register(context, log, generation.service, { testHooks: testMode, takeChanges, spend: generation.spend }),
  );
  stopGenerations = () => generation.service.stopWatching();
  log.info('Kling Studio activated');
  return testMode ? { analyses: analysis.service, generation: generationTestHooks(generation) } : undefined;
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
