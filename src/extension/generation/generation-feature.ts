import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { SHOT_SELECTOR } from '../analysis/shot-documents';
import type { Job } from '../common/jobs';
import type { Prompts } from '../common/prompts';
import type { TakeChanges } from '../common/take-changes';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { ProviderService } from '../provider/provider-service';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { registerCancelCommand } from './commands/cancel';
import { registerEstimateCostCommand } from './commands/estimate-cost';
import { registerGenerateCommand } from './commands/generate';
import { registerGenerateTakesCommand } from './commands/generate-takes';
import { registerNewShotFileCommand } from './commands/new-shot-file';
import { registerOpenTakesCommand } from './commands/open-takes';
import { registerResumeUnfinishedCommand, resumingText } from './commands/resume-unfinished';
import { registerShowRequestBodyCommand } from './commands/show-request-body';
import { registerCopyRequestCommand } from './commands/copy-request';
import { registerShowRunningCommand } from './commands/show-running';
import { noticeFinished } from './finish-notice';
import { OutcomeNotices } from './outcome-notices';
import { generateShots, type GenerateBudget, type GenerateOutcome } from './generate-command';
import { GenerateCodeLens } from './generate-codelens';
import type { GenerationContext, TakesOpener } from './generation-context';
import type { GenerationService } from './generation-service';
import { GenerationsTree, type SpendRows } from './generations-tree';
import { showJobProgress } from './progress-notification';
import { RequestBodyDocuments } from './request-body-view';
import { DuplicateGuard } from './request-fingerprint';
import { resumeUnfinished } from './resume';
import { JobsStatusBar } from './status-bar';

/** What the generation feature is handed by the composition root (src/extension/extension.ts). */
export interface GenerationDeps {
  log: Log;
  analyses: ShotAnalysisService;
  service: GenerationService;
  provider: ProviderService;
  keys: ApiKeyStore;
  takes: TakesOpener;
  takeChanges: TakeChanges;
  budget: GenerateBudget;
  /** The rows of the Generations view's Spend section. */
  spendRows: SpendRows;
  prompts: () => Prompts;
}

/**
 * Generation's views (progress notification, status bar item, tree view, CodeLens, request body
 * documents) and one registration per command, all owned here and disposed with it. The services
 * it uses are made and wired by the composition root.
 */
export class GenerationFeature extends Disposable implements GenerationContext {
  readonly analyses: ShotAnalysisService;
  readonly service: GenerationService;
  readonly provider: ProviderService;
  readonly takes: TakesOpener;
  readonly log: Log;
  readonly requestDocs = this.register(new RequestBodyDocuments());
  private readonly guard = new DuplicateGuard(60_000);
  /** The failure notices up, one per shot (taken down when they go stale). */
  readonly notices: OutcomeNotices;

  constructor(private readonly deps: GenerationDeps) {
    super();
    this.analyses = deps.analyses;
    this.service = deps.service;
    this.provider = deps.provider;
    this.takes = deps.takes;
    this.log = deps.log;
    const lens = this.register(new GenerateCodeLens(this.analyses, this.service, this.provider, deps.takeChanges));
    this.register(new JobsStatusBar(this.service));
    this.register(new GenerationsTree(this.service, deps.takeChanges, deps.spendRows));
    this.register(vscode.languages.registerCodeLensProvider(SHOT_SELECTOR, lens));
    this.notices = this.register(new OutcomeNotices(this.service));
    this.register(this.service.onDidFinish(({ job, record, error }) => void noticeFinished(this, this.notices, job, record, error)));

    this.register(registerGenerateCommand(this));
    this.register(registerGenerateTakesCommand(this));
    this.register(registerCancelCommand(this));
    this.register(registerShowRunningCommand(this));
    this.register(registerEstimateCostCommand(this));
    this.register(registerShowRequestBodyCommand(this));
    this.register(registerCopyRequestCommand(this));
    this.register(registerOpenTakesCommand(this));
    this.register(registerResumeUnfinishedCommand(this));
    this.register(registerNewShotFileCommand());
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.resumeUnfinished()));
  }

  /** fal keeps results 1 h (6 min when large): resume at once, not when the user asks. */
  resumeOnStart(): void {
    void this.resumeUnfinished().then(jobs => {
      if (jobs.length) {
        void vscode.window.showInformationMessage(resumingText(jobs.length, true));
      }
    });
  }

  prompts(): Prompts {
    return this.deps.prompts();
  }

  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<GenerateOutcome> {
    return generateShots(
      uris,
      {
        analyses: this.analyses,
        service: this.service,
        provider: this.provider,
        keys: this.deps.keys,
        guard: this.guard,
        budget: this.deps.budget,
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
