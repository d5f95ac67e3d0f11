import type * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Log } from '../log';
import type { ProviderService } from '../provider/provider-service';
import type { TakesPanels } from '../takes/takes-panels';
import type { GenerateOutcome } from './generate-command';
import type { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import type { Prompts } from '../common/prompts';
import type { RequestBodyDocuments } from './request-body-view';

/** What the generation commands share; GenerationFeature owns every part of it. */
export interface GenerationContext {
  readonly analyses: ShotAnalysisService;
  readonly service: GenerationService;
  readonly provider: ProviderService;
  readonly takes: TakesPanels;
  readonly requestDocs: RequestBodyDocuments;
  readonly log: Log;
  /** The questions Generate asks (the in-host tests answer them). */
  prompts(): Prompts;
  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<GenerateOutcome>;
  resumeUnfinished(): Promise<Job[]>;
}
