import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { SHOT_SELECTOR } from '../analysis/shot-documents';
import { activeShotUri } from '../commands';
import type { Log } from '../log';
import { registerProvider } from '../provider/register';
import { readProviderConfig } from '../provider/provider-config';
import type { ProviderService } from '../provider/provider-service';
import { registerSecrets } from '../secrets/register';
import { TakesPanels } from '../takes/takes-panels';
import { describeCost } from './cost-text';
import { falErrorDiagnostics } from './fal-error-diagnostics';
import { generateShots, type GenerateOutcome } from './generate-command';
import { GenerateCodeLens } from './generate-codelens';
import { GenerationService, type Job } from './generation-service';
import { GenerationsTree } from './generations-tree';
import { newShotFile } from './new-shot-file';
import { isRefusal, prepareShot } from './preflight';
import { showJobProgress } from './progress-notification';
import { progressMessage } from './progress-text';
import { vscodePrompts, type Prompts } from './prompts';
import { RequestBodyDocuments } from './request-body-view';
import { DuplicateGuard } from './request-fingerprint';
import { resumeUnfinished } from './resume';
import { JobsStatusBar } from './status-bar';
import { explainUntrusted, isTrusted, setTrustOverrideForTests } from './trust';

/** Handles the in-host tests use (not a public API). */
export interface GenerationApi {
  service: GenerationService;
  provider: ProviderService;
  takes: TakesPanels;
  generate(uris: vscode.Uri[]): Promise<GenerateOutcome>;
  resumeUnfinished(): Promise<Job[]>;
  /** Simulates an extension host restart: stops every watcher without cancelling, then resumes from the journal. */
  /** Stop watching (as a dying host does), run `between`, then resume from the journal. */
  restartForTests(between?: () => Promise<void> | void): Promise<Job[]>;
  setPromptsForTests(p: Prompts | undefined): void;
  setTrustOverrideForTests(v: boolean | undefined): void;
}

/**
 * Generation, takes, API key and provider: commands, progress, status bar, tree view, CodeLens and
 * the takes panels, all owned by the extension context.
 */
export function registerGeneration(context: vscode.ExtensionContext, log: Log, analyses: ShotAnalysisService): GenerationApi {
  const disposables = context.subscriptions;
  const secrets = registerSecrets(context, log);
  const provider = registerProvider(secrets.keys, log);
  disposables.push(...secrets.disposables, ...provider.disposables);

  let prompts: Prompts = vscodePrompts;
  const getPrompts = () => prompts;
  const guard = new DuplicateGuard(60_000);
  const service = new GenerationService(provider.provider, log, context.globalStorageUri);
  const takes = new TakesPanels(context.extensionUri, service, log, getPrompts);
  const requestDocs = new RequestBodyDocuments();
  const lens = new GenerateCodeLens(analyses, service, provider.provider);
  disposables.push(
    service,
    takes,
    requestDocs,
    lens,
    new JobsStatusBar(service),
    new GenerationsTree(service),
    vscode.languages.registerCodeLensProvider(SHOT_SELECTOR, lens),
    service.onDidFinish(({ job, record, error }) => void onFinished(job, record, error)),
  );

  async function onFinished(job: Job, record: Job['record'], error: unknown): Promise<void> {
    const name = job.shotUri.path.split('/').pop() ?? '';
    if (record?.status === 'failed' && record.error?.detail?.length) {
      const doc =
        vscode.workspace.textDocuments.find(d => d.uri.toString() === job.shotUri.toString()) ??
        (await vscode.workspace.openTextDocument(job.shotUri).then(
          d => d,
          () => undefined,
        ));
      if (doc) {
        analyses.setFalErrors(job.shotUri, falErrorDiagnostics(doc.getText(), record.error.detail));
      }
    }
    if (record?.status === 'done') {
      return;
    } // the takes panel opens (or is revealed) on landing
    const open = 'Open Takes';
    if (record?.status === 'failed' || record?.status === 'unknown' || error) {
      const why = record?.error?.message ?? (error instanceof Error ? error.message : String(error ?? 'unknown error'));
      const resumable = !!record && record.status !== 'failed' && record.status !== 'unknown';
      const pick = await vscode.window.showErrorMessage(
        `Kling: ${name} ${record?.status === 'unknown' ? 'has an unknown outcome' : 'failed'}: ${why}${resumable ? ' The take is kept and can be resumed.' : ''}`,
        open,
        ...(resumable ? ['Resume'] : []),
      );
      if (pick === open) {
        takes.open(job.shotUri);
      }
      if (pick === 'Resume') {
        await vscode.commands.executeCommand('klingStudio.resumeUnfinished');
      }
    } else if (record?.status === 'cancelled') {
      void vscode.window.showInformationMessage(`Kling: ${name} was cancelled${record.cancel ? ` (fal: ${record.cancel.outcome})` : ''}.`);
    }
  }

  const generate = (uris: vscode.Uri[]) =>
    generateShots(uris, {
      analyses,
      service: service,
      provider: provider.provider,
      keys: secrets.keys,
      guard,
      prompts: getPrompts,
      log,
      showProgress: (job, shotName) => showJobProgress(service, job, shotName),
    });

  // Commands get a Uri (editor title, Explorer, CodeLens, shot editor), a tree node, or nothing.
  const shotArg = (arg?: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) {
      return arg;
    }
    const node = arg as { entry?: { record?: { shotFile?: string } }; job?: Job } | undefined;
    if (node?.job) {
      return node.job.shotUri;
    }
    if (node?.entry?.record?.shotFile) {
      return vscode.Uri.file(node.entry.record.shotFile);
    }
    return activeShotUri();
  };

  disposables.push(
    vscode.commands.registerCommand('klingStudio.generate', async (uri?: unknown, selection?: unknown) => {
      const many = Array.isArray(selection)
        ? selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri && u.path.endsWith('.kling.json'))
        : [];
      const target = many.length ? many : [shotArg(uri)].filter((u): u is vscode.Uri => !!u);
      if (!target.length) {
        void vscode.window.showWarningMessage('Kling: open a shot file (*.kling.json) to generate it.');
        return undefined;
      }
      return generate(target);
    }),
    vscode.commands.registerCommand('klingStudio.cancel', async (arg?: unknown) => {
      const jobs = service.running;
      const key = typeof arg === 'string' ? arg : (arg as { job?: Job } | undefined)?.job?.key;
      const forShot = arg instanceof vscode.Uri ? service.runningFor(arg) : undefined;
      const targets = key
        ? jobs.filter(j => j.key === key)
        : forShot?.length
          ? forShot
          : jobs.length === 1
            ? jobs
            : await pickJobs(jobs, 'Cancel which generation?');
      for (const j of targets) {
        await service.cancel(j.key).catch(() => undefined);
      }
    }),
    vscode.commands.registerCommand('klingStudio.showRunning', async () => {
      const jobs = service.running;
      if (!jobs.length) {
        void vscode.window.showInformationMessage('Kling: nothing is running.');
        return;
      }
      const [job] = await pickJobs(jobs, 'Running generations', false);
      if (!job) {
        return;
      }
      const action = await vscode.window.showQuickPick(['Cancel on fal', 'Open Takes'], { title: job.shotUri.path.split('/').pop() });
      if (action === 'Cancel on fal') {
        await service.cancel(job.key);
      } else if (action === 'Open Takes') {
        takes.open(job.shotUri);
      }
    }),
    vscode.commands.registerCommand('klingStudio.estimateCost', async (uri?: unknown) => {
      const target = shotArg(uri);
      if (!target) {
        return undefined;
      }
      const p = await prepareShot(target, analyses);
      if (isRefusal(p)) {
        void vscode.window.showWarningMessage(`Kling: ${p.refused}`);
        return undefined;
      }
      const simulated = provider.provider.kind === 'simulator';
      const text = describeCost(
        { usd: p.cost?.usd, ...(p.cost && { seconds: p.cost.seconds, perSecond: p.cost.perSecond, audio: p.cost.audio }) },
        false,
      );
      void vscode.window.showInformationMessage(
        `Kling: ${p.shotName} — ${text} on fal.ai${simulated ? ' (the offline simulator is free)' : ''}. Estimate from fal's published per-second prices.`,
      );
      return p.cost;
    }),
    vscode.commands.registerCommand('klingStudio.showRequestBody', async (uri?: unknown) => {
      const target = shotArg(uri);
      if (!target) {
        return undefined;
      }
      const p = await prepareShot(target, analyses);
      if (isRefusal(p)) {
        void vscode.window.showWarningMessage(`Kling: ${p.refused}`);
        return undefined;
      }
      const conn = provider.provider.kind;
      return requestDocs.show(p, readProviderConfig().queueUrl, conn === 'simulator');
    }),
    vscode.commands.registerCommand('klingStudio.openTakes', (uri?: unknown, takeId?: unknown) => {
      const target = shotArg(uri);
      const fromTree = (uri as { entry?: { record?: { id?: string } } } | undefined)?.entry?.record?.id;
      if (fromTree && takeId === undefined) {
        takeId = fromTree;
      }
      if (!target) {
        void vscode.window.showWarningMessage('Kling: open a shot file to see its takes.');
        return undefined;
      }
      return takes.open(target, { ...(typeof takeId === 'string' && { select: takeId }) });
    }),
    vscode.commands.registerCommand('klingStudio.resumeUnfinished', async () => {
      if (!isTrusted()) {
        await explainUntrusted();
        return [];
      }
      const jobs = await resumeUnfinished(service, log);
      void vscode.window.showInformationMessage(
        jobs.length
          ? `Kling: resuming ${jobs.length} unfinished generation${jobs.length > 1 ? 's' : ''}.`
          : 'Kling: no unfinished generations.',
      );
      return jobs;
    }),
    vscode.commands.registerCommand('klingStudio.newShotFile', (folder?: unknown) =>
      newShotFile(folder instanceof vscode.Uri ? folder : undefined),
    ),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void resumeUnfinished(service, log);
    }),
  );

  // fal keeps results 1 h (6 min when large): resume at once, not when the user asks.
  void resumeUnfinished(service, log).then(jobs => {
    if (jobs.length) {
      void vscode.window.showInformationMessage(
        `Kling: resuming ${jobs.length} unfinished generation${jobs.length > 1 ? 's' : ''} from the last session.`,
      );
    }
  });

  const api: GenerationApi = {
    service,
    provider: provider.provider,
    takes,
    generate,
    resumeUnfinished: () => resumeUnfinished(service, log),
    async restartForTests(between) {
      await service.stopWatching();
      await between?.();
      return resumeUnfinished(service, log);
    },
    setPromptsForTests(p) {
      prompts = p ?? vscodePrompts;
    },
    setTrustOverrideForTests,
  };
  return api;

  async function pickJobs(jobs: readonly Job[], title: string, many = true): Promise<Job[]> {
    const items = jobs.map(j => ({
      label: j.shotUri.path.split('/').pop() ?? '',
      description: progressMessage({ status: j.status, queuePosition: j.queuePosition, elapsedMs: Date.now() - j.startedAt }),
      detail: j.record?.requestId,
      job: j,
    }));
    if (many) {
      const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true });
      return picked?.map(p => p.job) ?? [];
    }
    const picked = await vscode.window.showQuickPick(items, { title });
    return picked ? [picked.job] : [];
  }
}
