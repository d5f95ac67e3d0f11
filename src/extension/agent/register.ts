// Agents in VS Code: the language-model tools (agent mode), and `kling mcp` offered to VS Code's MCP
// support where the running VS Code has it. The project's floor (1.100) has the tools but not MCP
// server definition providers (1.101), so those are looked up at run time, never assumed.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import type { Log } from '../log';
import { getSetting, onDidChangeSetting } from '../settings/settings';
import { AgentTools, type AgentGenerate } from './lm-tools';

/** What VS Code 1.101 added for MCP, as far as this file uses it. */
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: { provideMcpServerDefinitions(): unknown[]; onDidChangeMcpServerDefinitions?: vscode.Event<void> },
  ): vscode.Disposable;
}
type StdioDefinition = new (label: string, command: string, args: string[], env: Record<string, string>) => unknown;

export const MCP_PROVIDER_ID = 'klingStudio.mcp';

/**
 * `kling mcp`'s arguments for a workspace folder: with klingStudio.agent.budgetUsd set, the cap an
 * agent may spend; without it the agent can price and validate, and generate_shot says how to allow spending.
 */
export function mcpArgs(cli: string, root: string): string[] {
  const cap = getSetting('agent.budgetUsd');
  return [cli, 'mcp', '--root', root, ...(cap === null ? [] : ['--budget', String(cap)])];
}

export function registerAgentTools(
  context: vscode.ExtensionContext,
  log: Log,
  analyses: ShotAnalysisService,
  gen: AgentGenerate,
): { tools: AgentTools; disposables: vscode.Disposable[] } {
  const tools = new AgentTools(analyses, gen);
  const disposables: vscode.Disposable[] = [];
  if (typeof vscode.lm?.registerTool === 'function') disposables.push(tools.register());
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Stdio = (vscode as unknown as { McpStdioServerDefinition?: StdioDefinition }).McpStdioServerDefinition;
  // The CLI bundle is what `kling mcp` runs; a package without it has nothing to offer.
  const cli = context.asAbsolutePath('dist/cli.js');
  if (typeof lm.registerMcpServerDefinitionProvider === 'function' && Stdio && existsSync(cli)) {
    const budgetChanges = new vscode.EventEmitter<void>();
    // 1.100 still checks the proposal's contribution name (modelContextServerCollections; 1.101:
    // mcpServerDefinitionProviders): package.json declares both, and a refusal must not stop activation.
    try {
      disposables.push(
        lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
          provideMcpServerDefinitions: () =>
            (vscode.workspace.workspaceFolders ?? [])
              .filter(f => f.uri.scheme === 'file')
              .map(
                f =>
                  new Stdio(vscode.l10n.t('Kling Studio ({0})', f.name), process.execPath, mcpArgs(cli, f.uri.fsPath), {
                    ELECTRON_RUN_AS_NODE: '1',
                  }),
              ),
          // VS Code asks for the definitions again when the cap changes; a server already running
          // keeps the cap it started with.
          onDidChangeMcpServerDefinitions: budgetChanges.event,
        }),
        budgetChanges,
        onDidChangeSetting('agent.budgetUsd', () => budgetChanges.fire()),
      );
      log.info('Kling Studio: kling mcp offered to VS Code MCP support');
    } catch (e) {
      log.warn(`Kling Studio: VS Code's MCP support refused kling mcp: ${String(e)}`);
    }
  }
  return { tools, disposables };
}
