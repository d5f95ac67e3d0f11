import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { registerAgentTools } from './agent/register';
import { exportCut } from './sequence/export-cut';
import { registerAnalysis } from './analysis/register';
import { registerCast } from './cast/register';
import { registerCommands } from './commands';
import { vscodePrompts, type Prompts } from './common/prompts';
import { TakeChanges } from './common/take-changes';
import { registerContinuity } from './continuity/register';
import { ShotEditorProvider } from './editor/shot-editor-provider';
import { GenerationFeature } from './generation/generation-feature';
import { GenerationService } from './generation/generation-service';
import { createLog } from './log';
import { refreshLivePrices } from './common/live-prices';
import { httpProxySettings } from './settings/settings';
import { registerProvider } from './provider/register';
import { registerSecrets } from './secrets/register';
import { registerSequence } from './sequence/register';
import { registerSpend } from './spend/register';
import { SpendService } from './spend/spend-service';
import { TakesPanels } from './takes/takes-panels';
import { testApi, type KlingStudioApi } from './test-api';

/** Set while active: what deactivate must let finish before the host goes away. */
let stopGenerations: (() => Promise<void>) | undefined;

/**
 * The composition root: the one place that makes the services and hands each feature folder what
 * it needs. Feature folders never import each other (eslint.config.mjs); where one needs another,
 * it declares an interface and gets it here.
 */
export function activate(context: vscode.ExtensionContext): KlingStudioApi | undefined {
  // Pure modules (no vscode import, unit-tested in Node) translate with @vscode/l10n: give it the
  // same bundle vscode.l10n uses (none for English).
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };

  // Services.
  const log = own(createLog());
  const analysis = registerAnalysis(log);
  analysis.disposables.forEach(own);
  const takeChanges = own(new TakeChanges());
  const secrets = registerSecrets(context, log);
  secrets.disposables.forEach(own);
  const provider = registerProvider(secrets.keys, log);
  provider.disposables.forEach(own);
  const service = own(new GenerationService(provider.provider, log, context.globalStorageUri));
  // fal's live prices for every estimate; in the background, so activation never waits on the network.
  // Tests stay offline: their estimates are the built-in ones.
  if (!testMode && provider.provider.kind === 'fal') {
    const { proxy } = httpProxySettings();
    void provider.provider
      .connection()
      .then(conn =>
        refreshLivePrices({
          storageDir: context.globalStorageUri,
          queueUrl: conn.queueUrl,
          credentials: conn.credentials,
          ...(proxy && { proxy }),
          log,
        }),
      )
      .catch((e: unknown) => log.warn(`live prices not read: ${e instanceof Error ? e.message : String(e)}`));
  }
  const spend = own(new SpendService(log, takeChanges));
  /** Swapped only by the in-host tests (see test-api.ts). */
  let promptsOverride: Prompts | undefined;
  const prompts = () => promptsOverride ?? vscodePrompts;

  // Features.
  own(ShotEditorProvider.register(context, log, analysis.service, { testHooks: testMode, takeChanges }));
  own(vscode.Disposable.from(...registerCommands(log)));
  const takes = own(new TakesPanels(context.extensionUri, service, log, prompts, takeChanges));
  // What this window finishes shows in the shot editors and the spend at once, not after the file
  // watchers' bursts settle.
  own(service.onDidFinish(({ job }) => takeChanges.fire(job.shotUri)));
  own(service.onDidFinish(() => void spend.refresh()));
  const spendFeature = own(registerSpend(spend));
  const generation = own(
    new GenerationFeature({
      log,
      analyses: analysis.service,
      service,
      provider: provider.provider,
      keys: secrets.keys,
      takes,
      takeChanges,
      budget: spendFeature.budget,
      spendRows: spendFeature.rows,
      prompts,
    }),
  );
  own(registerContinuity({ takes, log }, testMode));
  own(registerCast(context, log, testMode));
  own(registerSequence(context, { log, jobs: service, takeChanges, spend, testHooks: testMode }));
  const agentTools = registerAgentTools(context, log, analysis.service, {
    generate: (uris, opts) => generation.generate(uris, opts),
    scopes: spendFeature.budget.scopes,
    takeChanged: shot => takeChanges.fire(shot),
    exportCut: (seq, out, fail) => exportCut(log, seq, out, fail),
  });
  agentTools.disposables.forEach(own);
  generation.resumeOnStart();

  stopGenerations = () => service.stopWatching();
  log.info('Kling Studio activated');
  return testMode
    ? testApi({
        analyses: analysis.service,
        generation,
        provider: provider.provider,
        takes,
        spend,
        spendStatusBar: spendFeature.statusBar,
        spendRows: spendFeature.rows,
        agentTools: agentTools.tools,
        setPrompts: p => (promptsOverride = p),
      })
    : undefined;
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
