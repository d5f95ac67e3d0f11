// The agent tools of src/core/agent-tools.ts as VS Code language-model tools (agent mode): the same
// names (prefixed kling_), inputs and checks, answered by what the editor already does: the analysis
// service's diagnostics, the take session's price rule, Generate (with its trust, key, cost and
// budget questions, and the budget settings' reservation) and the takes listing. generate_shot's
// prepareInvocation shows the price and what is left of the budgets, and asks for confirmation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS, agentDiagnostic, isSequenceFile, type AgentInput, type AgentToolName, type Budgets } from '../../core';
import { ledgerOf, priceTake, type BudgetScope } from '../../takes';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Job } from '../common/jobs';
import { configuredPrices } from '../common/prices';
import { outputDirOf, takesForShot } from '../common/take-index';
import type { AssembleResult } from '../../media/assemble';
import { assembleTool, newShotTool, selectTakeTool } from './file-tools';
import { existingUri, ToolRefusal } from './paths';

/** What the tools need of Generate and the spend (handed in by activate()). */
export interface AgentGenerate {
  generate(uris: vscode.Uri[], opts?: { takes?: number }): Promise<{ jobs: Job[]; declined?: string | undefined; refused: unknown[] }>;
  scopes(shots: readonly { uri: vscode.Uri; outputDir: string }[]): { scopes: BudgetScope[] };
  /** A take was circled: the views of its shot follow. */
  takeChanged(shot: vscode.Uri): void;
  /** Export Cut to `out`, its refusals handed to `fail` instead of shown. */
  exportCut(seq: vscode.Uri, out: vscode.Uri, fail: (message: string) => undefined): Promise<AssembleResult | undefined>;
}

/** The tools VS Code offers, by the name package.json contributes them under. */
export const LM_TOOL_NAMES = [
  'validate_shot',
  'estimate_cost',
  'generate_shot',
  'list_takes',
  'select_take',
  'assemble_sequence',
  'new_shot',
] as const satisfies readonly AgentToolName[];
export const lmToolName = (name: AgentToolName) => `kling_${name}`;

const text = (value: unknown) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(value, null, 2))]);
const usd = (n: number) => `$${n.toFixed(2)}`;
const shotUri = (given: string) => existingUri(given);

export class AgentTools {
  /** How often VS Code asked generate_shot to prepare its confirmation (the in-host tests read it). */
  prepared = 0;

  constructor(
    private readonly analyses: ShotAnalysisService,
    private readonly gen: AgentGenerate,
  ) {}

  /** Each tool as VS Code takes it; also reached by the in-host tests. */
  tools(): Record<(typeof LM_TOOL_NAMES)[number], vscode.LanguageModelTool<{ path: string; takes?: number }>> {
    const plain = (name: AgentToolName): vscode.LanguageModelTool<{ path: string }> => ({ invoke: o => this.run(name, o.input) });
    return {
      validate_shot: plain('validate_shot'),
      estimate_cost: plain('estimate_cost'),
      list_takes: plain('list_takes'),
      select_take: plain('select_take'),
      assemble_sequence: plain('assemble_sequence'),
      new_shot: plain('new_shot'),
      generate_shot: {
        prepareInvocation: o => {
          this.prepared++;
          return this.confirmGenerate(o.input);
        },
        invoke: o => this.run('generate_shot', o.input),
      },
    };
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      ...Object.entries(this.tools()).map(([name, tool]) => vscode.lm.registerTool(lmToolName(name as AgentToolName), tool)),
    );
  }

  private async run(name: AgentToolName, input: unknown): Promise<vscode.LanguageModelToolResult> {
    const parsed = AGENT_TOOLS[name].input.safeParse(input);
    if (!parsed.success)
      return text({
        error: vscode.l10n.t('Invalid input: {0}', parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')),
      });
    try {
      switch (name) {
        case 'validate_shot':
          return text(await this.validate(parsed.data as AgentInput<'validate_shot'>));
        case 'estimate_cost':
          return text(await this.estimate(parsed.data as AgentInput<'estimate_cost'>));
        case 'list_takes':
          return text(await this.listTakes(parsed.data as AgentInput<'list_takes'>));
        case 'generate_shot':
          return text(await this.generate(parsed.data as AgentInput<'generate_shot'>));
        case 'select_take':
          return text(await selectTakeTool(parsed.data as AgentInput<'select_take'>, this.gen.takeChanged));
        case 'assemble_sequence':
          return text(await assembleTool(parsed.data as AgentInput<'assemble_sequence'>, this.gen.exportCut));
        case 'new_shot':
          return text(await newShotTool(parsed.data as AgentInput<'new_shot'>));
      }
    } catch (e) {
      if (e instanceof ToolRefusal) return text({ error: e.message });
      throw e;
    }
  }

  private async state(given: string) {
    const uri = await shotUri(given);
    if (isSequenceFile(uri.fsPath)) throw new ToolRefusal(vscode.l10n.t('{0} is a sequence file: name a shot file.', given));
    const doc = await vscode.workspace.openTextDocument(uri);
    return { uri, state: await this.analyses.getComplete(doc) };
  }

  private async validate(input: AgentInput<'validate_shot'>) {
    const { uri, state } = await this.state(input.path);
    const diagnostics = state.diagnostics.map(agentDiagnostic);
    const file = vscode.workspace.asRelativePath(uri);
    return { file, endpoint: state.analysis.endpoint.id, errors: diagnostics.filter(d => d.severity === 'error').length, diagnostics };
  }

  private async price(given: string) {
    const { uri, state } = await this.state(given);
    const price = priceTake(state.analysis.endpoint, state.analysis.body, { provider: 'fal', prices: configuredPrices() });
    return { uri, state, fal: price.atFal };
  }

  private async estimate(input: AgentInput<'estimate_cost'>) {
    const { uri, state, fal } = await this.price(input.path);
    return {
      file: vscode.workspace.asRelativePath(uri),
      endpoint: state.analysis.endpoint.id,
      usd: fal?.usd ?? null,
      seconds: fal?.seconds ?? null,
      perSecondUsd: fal?.perSecond ?? null,
      audio: fal?.audio ?? null,
      how: fal
        ? `${fal.seconds} s × $${fal.perSecond.toFixed(3)}/s (${fal.audio ? 'with' : 'without'} audio) = ${usd(fal.usd)}`
        : 'cannot be estimated',
    };
  }

  private async listTakes(input: AgentInput<'list_takes'>) {
    const uri = await shotUri(input.path);
    const takes = await takesForShot(uri);
    return {
      takes: takes.map(t => ({
        number: t.number,
        record: vscode.workspace.asRelativePath(t.path),
        status: t.record.status,
        createdAt: t.record.createdAt,
        selected: t.selected,
        rating: t.record.rating ?? null,
        note: t.record.note ?? null,
      })),
    };
  }

  /** Generate as the editor runs it (its questions and the budget settings apply), waiting for the takes to end. */
  private async generate(input: AgentInput<'generate_shot'>) {
    const uri = await shotUri(input.path);
    const r = await this.gen.generate([uri], { takes: input.takes ?? 1 });
    if (r.declined)
      throw new ToolRefusal(
        r.declined === 'budget'
          ? vscode.l10n.t('Refused by the budget; nothing was sent.')
          : vscode.l10n.t('Not generated ({0}); nothing was sent.', r.declined),
      );
    if (!r.jobs.length)
      throw new ToolRefusal(vscode.l10n.t('Not generated: the shot has errors (validate_shot lists them); nothing was sent.'));
    const takes = await Promise.all(
      r.jobs.map(async j => {
        const rec = await j.done;
        return {
          record: vscode.workspace.asRelativePath(j.recordPath),
          status: rec?.status ?? 'stopped',
          clip: rec?.status === 'done' && rec.clipPath ? vscode.workspace.asRelativePath(rec.clipPath) : null,
        };
      }),
    );
    return { takes };
  }

  /** The price, what is left of each budget after it, and the question. */
  async confirmGenerate(input: { path: string; takes?: number }): Promise<vscode.PreparedToolInvocation> {
    const takes = input.takes ?? 1;
    const { uri, fal } = await this.price(input.path).catch(() => ({ uri: vscode.Uri.file(input.path), fal: undefined }));
    const cost = fal ? fal.usd * takes : undefined;
    const name = path.basename(uri.fsPath);
    const lines = [
      cost === undefined
        ? vscode.l10n.t('Generate {0} at fal.ai: the price cannot be estimated.', name)
        : vscode.l10n.t('Generate {0} at fal.ai for {1} ({2} take(s)).', name, usd(cost), takes),
      ...(await this.budgetLeft(uri, cost)),
    ];
    return {
      invocationMessage: vscode.l10n.t('Generating {0}…', name),
      confirmationMessages: { title: vscode.l10n.t('Spend money at fal.ai?'), message: lines.join('\n') },
    };
  }

  private async budgetLeft(uri: vscode.Uri, cost: number | undefined): Promise<string[]> {
    const scope = this.gen.scopes([{ uri, outputDir: outputDirOf(uri) }]).scopes[0];
    if (!scope) return [];
    const b: Budgets = scope.budgets;
    if (b.workspaceUsd === undefined && b.dailyUsd === undefined)
      return [vscode.l10n.t('No budget is set (klingStudio.budget.workspaceUsd, klingStudio.budget.dailyUsd).')];
    const { ledger: l } = await ledgerOf(scope.folders);
    const out: string[] = [];
    const after = (limit: number, spent: number) => limit - spent - (cost ?? 0);
    if (b.workspaceUsd !== undefined)
      out.push(
        vscode.l10n.t(
          'Workspace budget: {0} left of {1}; {2} after this.',
          usd(b.workspaceUsd - l.workspace.usd),
          usd(b.workspaceUsd),
          usd(after(b.workspaceUsd, l.workspace.usd)),
        ),
      );
    if (b.dailyUsd !== undefined)
      out.push(
        vscode.l10n.t(
          'Daily budget: {0} left of {1}; {2} after this.',
          usd(b.dailyUsd - l.today.usd),
          usd(b.dailyUsd),
          usd(after(b.dailyUsd, l.today.usd)),
        ),
      );
    return out;
  }
}
