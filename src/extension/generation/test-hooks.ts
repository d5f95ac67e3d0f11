import type * as vscode from 'vscode';
import type { GenerateOutcome } from './generate-command';
import type { GenerationFeature } from './generation-feature';
import type { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import type { ProviderService } from '../provider/provider-service';
import type { Prompts } from '../common/prompts';
import type { TakesPanels } from '../takes/takes-panels';
import { setTrustOverrideForTests } from '../common/trust';
import type { SpendService } from '../spend/spend-service';
import { setBudgetRefusalHookForTests, type BudgetRefusalTestHook } from '../spend/budget-gate';

/** Handles the in-host tests use; activate() returns them only in ExtensionMode.Test. */
export interface GenerationTestHooks {
  service: GenerationService;
  provider: ProviderService;
  takes: TakesPanels;
  spend: SpendService;
  /** The spend status-bar item's text ("Kling: $X today"). */
  spendStatusText(): string;
  /** `takes`: variations of each shot under one cost confirmation (1–4). */
  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<GenerateOutcome>;
  resumeUnfinished(): Promise<Job[]>;
  /** Simulates an extension host restart: stop watching (as a dying host does), run `between`, then resume from the journal. */
  restartForTests(between?: () => Promise<void> | void): Promise<Job[]>;
  /** Answers Generate's questions (modal dialogs cannot be answered from a test); undefined restores the real ones. */
  setPromptsForTests(p: Prompts | undefined): void;
  /** The tests run with trust disabled (all trusted) and cannot revoke it: this stands in. */
  setTrustOverrideForTests(v: boolean | undefined): void;
  /** Answers a budget refusal's notification (its buttons cannot be clicked from a test); undefined restores it. */
  setBudgetRefusalHookForTests(hook: BudgetRefusalTestHook | undefined): void;
}

export function generationTestHooks(feature: GenerationFeature): GenerationTestHooks {
  return {
    service: feature.service,
    provider: feature.provider,
    takes: feature.takes,
    spend: feature.spend,
    spendStatusText: () => feature.spendStatusBar.item.text,
    generate: (uris, opts) => feature.generate(uris, opts),
    resumeUnfinished: () => feature.resumeUnfinished(),
    async restartForTests(between) {
      await feature.service.stopWatching();
      await between?.();
      return feature.resumeUnfinished();
    },
    setPromptsForTests(p) {
      feature.promptsOverride = p;
    },
    setTrustOverrideForTests,
    setBudgetRefusalHookForTests,
  };
}
