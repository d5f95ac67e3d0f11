import type * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Job } from '../common/jobs';
import type { Prompts } from '../common/prompts';
import type { Log } from '../log';
import type { ProviderService } from '../provider/provider-service';
import type { GenerateOutcome } from './generate-command';
import type { GenerationService } from './generation-service';
import type { RequestBodyDocuments } from './request-body-view';

/** The takes panels (src/extension/takes), wired in at the composition root. */
export interface TakesOpener {
  /** Shows the shot's takes, with a take selected when one is given. */
  open(shotUri: vscode.Uri, opts?: { select?: string }): unknown;
}

/** What the generation commands share; GenerationFeature owns every part of it. */
export interface GenerationContext {
  readonly analyses: ShotAnalysisService;
  readonly service: GenerationService;
  readonly provider: ProviderService;
  readonly takes: TakesOpener;
  readonly requestDocs: RequestBodyDocuments;
  readonly log: Log;
  /** The questions Generate asks (the in-host tests answer them). */
  prompts(): Prompts;
  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<GenerateOutcome>;
  resumeUnfinished(): Promise<Job[]>;
}
