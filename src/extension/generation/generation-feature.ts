import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { SHOT_SELECTOR } from '../analysis/shot-documents';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { registerProvider } from '../provider/register';
import type { ProviderService } from '../provider/provider-service';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { registerSecrets } from '../secrets/register';
import { TakesPanels } from '../takes/takes-panels';
import type { TakeChanges } from '../common/take-changes';
import { registerCancelCommand } from './commands/cancel';
import { registerEstimateCostCommand } from './commands/estimate-cost';
import { registerGenerateCommand } from './commands/generate';
import { registerGenerateTakesCommand } from './commands/generate-takes';
import { registerNewShotFileCommand } from './commands/new-shot-file';
import { registerOpenTakesCommand } from './commands/open-takes';
import { registerResumeUnfinishedCommand, resumingText } from './commands/resume-unfinished';
import { registerShowRequestBodyCommand } from './commands/show-request-body';
import { registerShowRunningCommand } from './commands/show-running';
import { noticeFinished } from './finish-notice';
import { generateShots, type GenerateOutcome } from './generate-command';
import { GenerateCodeLens } from './generate-codelens';
import type { GenerationContext } from './generation-context';
import { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import { GenerationsTree } from './generations-tree';
import { showJobProgress } from './progress-notification';
import { vscodePrompts, type Prompts } from '../common/prompts';
import { RequestBodyDocuments } from './request-body-view';
import { DuplicateGuard } from './request-fingerprint';
import { resumeUnfinished } from './resume';
import { JobsStatusBar } from './status-bar';
import { SpendService } from '../spend/spend-service';
import { SpendStatusBar } from '../spend/spend-status-bar';

/**
 * Generation, takes, API key and provider: the service, its views (progress, status bar, tree,
 * CodeLens, takes panels) and one registration per command, all owned here and disposed with it.
 */
export class GenerationFeature extends Disposable implements GenerationContext {
  readonly service: GenerationService;
  readonly provider: ProviderService;
  readonly takes: TakesPanels;
  readonly requestDocs: RequestBodyDocuments;
  readonly spend: SpendService;
  readonly spendStatusBar: SpendStatusBar;
  private readonly keys: ApiKeyStore;
  private readonly guard = new DuplicateGuard(60_000);
  /** Swapped only by the in-host tests (see test-hooks.ts). */
  promptsOverride: Prompts | undefined;

  constructor(
    context: vscode.ExtensionContext,
    readonly log: Log,
    readonly analyses: ShotAnalysisService,
    takeChanges?: TakeChanges,
  ) {
    super();
    const secrets = registerSecrets(context, log);
    secrets.disposables.forEach(d => this.register(d));
    this.keys = secrets.keys;
    const provider = registerProvider(secrets.keys, log);
    provider.disposables.forEach(d => this.register(d));
    this.provider = provider.provider;

    this.service = this.register(new GenerationService(this.provider, log, context.globalStorageUri));
    this.takes = this.register(new TakesPanels(context.extensionUri, this.service, log, () => this.prompts(), takeChanges));
    if (takeChanges) {
      this.register(this.service.onDidFinish(({ job }) => takeChanges.fire(job.shotUri)));
    }
    this.requestDocs = this.register(new RequestBodyDocuments());
    const lens = this.register(new GenerateCodeLens(analyses, this.service, this.provider));
    this.register(new JobsStatusBar(this.service));
    this.spend = this.register(new SpendService(log));
    this.spendStatusBar = this.register(new SpendStatusBar(this.spend));
    // A landed take is summed at once, not after the file watcher's burst settles.
    this.register(this.service.onDidFinish(() => void this.spend.refresh()));
    this.register(new GenerationsTree(this.service, this.spend));
    this.register(vscode.languages.registerCodeLensProvider(SHOT_SELECTOR, lens));
    this.register(this.service.onDidFinish(({ job, record, error }) => void noticeFinished(this, job, record, error)));

    this.register(registerGenerateCommand(this));
    this.register(registerGenerateTakesCommand(this));
    this.register(registerCancelCommand(this));
    this.register(registerShowRunningCommand(this));
    this.register(registerEstimateCostCommand(this));
    this.register(registerShowRequestBodyCommand(this));
    this.register(registerOpenTakesCommand(this));
    this.register(registerResumeUnfinishedCommand(this));
    this.register(registerNewShotFileCommand());
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.resumeUnfinished()));

    // fal keeps results 1 h (6 min when large): resume at once, not when the user asks.
    void this.resumeUnfinished().then(jobs => {
      if (jobs.length) {
        void vscode.window.showInformationMessage(resumingText(jobs.length, true));
      }
    });
  }

  prompts(): Prompts {
    return this.promptsOverride ?? vscodePrompts;
  }

  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<GenerateOutcome> {
    return generateShots(
      uris,
      {
        analyses: this.analyses,
        service: this.service,
        provider: this.provider,
        keys: this.keys,
        guard: this.guard,
        spend: this.spend,
        prompts: () => this.prompts(),
        log: this.log,
        showProgress: (job, shotName) => showJobProgress(this.service, job, shotName),
      },
      opts,
    );
  }

  resumeUnfinished(): Promise<Job[]> {
    return resumeUnfinished(this.service, this.log);
  }
}
