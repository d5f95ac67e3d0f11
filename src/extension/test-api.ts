import type * as vscode from 'vscode';
import type { AgentTools } from './agent/lm-tools';
import type { ShotAnalysisService } from './analysis/shot-analysis-service';
import type { Job } from './common/jobs';
import type { Prompts } from './common/prompts';
import { setTrustOverrideForTests } from './common/trust';
import type { GenerateOutcome } from './generation/generate-command';
import type { GenerationFeature } from './generation/generation-feature';
import type { GenerationService } from './generation/generation-service';
import type { SpendRow, SpendRows } from './generation/generations-tree';
import type { ProviderService } from './provider/provider-service';
import { setBudgetRefusalHookForTests, type BudgetRefusalTestHook } from './spend/budget-gate';
import type { SpendService } from './spend/spend-service';
import type { SpendStatusBar } from './spend/spend-status-bar';
import type { TakesPanels } from './takes/takes-panels';

/** What activate() returns to the in-host tests (ExtensionMode.Test only): not a public API. */
export interface KlingStudioApi {
  analyses: ShotAnalysisService;
  generation: GenerationTestHooks;
  /** The language-model tools as registered (their prepareInvocation, which lm.invokeTool does not surface). */
  agentTools: AgentTools;
}

/** Handles the in-host tests use; activate() returns them only in ExtensionMode.Test. */
export interface GenerationTestHooks {
  service: GenerationService;
  provider: ProviderService;
  takes: TakesPanels;
  spend: SpendService;
  /** The spend status-bar item's text ("Kling: $X today"). */
  spendStatusText(): string;
  /** The rows of the Generations view's Spend section, as the tree gets them (undefined: not summed yet). */
  spendRows(): readonly SpendRow[] | undefined;
  /** The shots (URI strings) whose failure notice is up. */
  failureNotices(): string[];
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

/** The parts of the composed extension the test hooks reach. */
export interface Composed {
  analyses: ShotAnalysisService;
  generation: GenerationFeature;
  provider: ProviderService;
  takes: TakesPanels;
  spend: SpendService;
  spendStatusBar: SpendStatusBar;
  spendRows: SpendRows;
  agentTools: AgentTools;
  setPrompts(p: Prompts | undefined): void;
}

export function testApi(c: Composed): KlingStudioApi {
  return {
    analyses: c.analyses,
    agentTools: c.agentTools,
    generation: {
      service: c.generation.service,
      provider: c.provider,
      takes: c.takes,
      spend: c.spend,
      spendStatusText: () => c.spendStatusBar.item.text,
      spendRows: () => c.spendRows.rows(),
      failureNotices: () => c.generation.notices.shown,
      generate: (uris, opts) => c.generation.generate(uris, opts),
      resumeUnfinished: () => c.generation.resumeUnfinished(),
      async restartForTests(between) {
        await c.generation.service.stopWatching();
        await between?.();
        return c.generation.resumeUnfinished();
      },
      setPromptsForTests: p => c.setPrompts(p),
      setTrustOverrideForTests,
      setBudgetRefusalHookForTests,
    },
  };
}
