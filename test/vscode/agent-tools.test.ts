// In-host: the language-model tools. Each is invoked through vscode.lm.invokeTool, the way agent
// mode calls it. invokeTool without a chat request's token does not run prepareInvocation (VS Code
// asks for confirmation only inside a chat session), so generate_shot's confirmation is read from
// the registered tool itself, through the extension's test API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KlingStudioApi } from '../../src/extension/test-api';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';

let api: KlingStudioApi;
const cfg = () => vscode.workspace.getConfiguration('klingStudio');
const T = vscode.ConfigurationTarget.Workspace;

function writeShot(name: string, body: Record<string, unknown>): string {
  fs.writeFileSync(path.join(workspaceDir(), name), JSON.stringify(body, null, 2) + '\n');
  return name;
}

async function invoke(name: string, input: object): Promise<Record<string, unknown>> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const part = r.content[0] as vscode.LanguageModelTextPart;
  return JSON.parse(part.value) as Record<string, unknown>;
}

suite('agent tools', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
  });
  suiteTeardown(async () => {
    await cfg().update('budget.workspaceUsd', undefined, T);
  });
  teardown(closeAllEditors);

  test('the tools are registered under the names package.json contributes', () => {
    const names = vscode.lm.tools.map(t => t.name);
    for (const n of ['kling_validate_shot', 'kling_estimate_cost', 'kling_generate_shot', 'kling_list_takes'])
      assert.ok(names.includes(n), n);
  });

  test('kling_validate_shot through lm.invokeTool: the problems with line and column', async () => {
    const file = writeShot('agent-bad.kling.json', { endpoint: 'text-to-video', prompt: 'a crane at dawn', duration: '99' });
    const r = (await invoke('kling_validate_shot', { path: file })) as { errors: number; diagnostics: { line: number; code: string }[] };
    assert.ok(r.errors >= 1, JSON.stringify(r));
    assert.ok(
      r.diagnostics.some(d => d.line === 4),
      JSON.stringify(r.diagnostics),
    );
  });

  test('kling_estimate_cost through lm.invokeTool; a path outside the workspace is refused', async () => {
    const file = writeShot('agent-price.kling.json', { endpoint: 'text-to-video', prompt: 'a kite', duration: '5', generate_audio: true });
    const r = (await invoke('kling_estimate_cost', { path: file })) as { usd: number; seconds: number };
    assert.equal(r.seconds, 5);
    assert.equal(r.usd, 0.84);
    const out = (await invoke('kling_estimate_cost', { path: '../../etc/passwd.kling.json' })) as { error?: string };
    assert.match(out.error ?? '', /outside the workspace folders|does not exist/);
  });

  test("kling_generate_shot's confirmation shows the price and what the budget has left", async () => {
    const file = writeShot('agent-confirm.kling.json', {
      endpoint: 'text-to-video',
      prompt: 'a lantern',
      duration: '5',
      generate_audio: true,
    });
    await cfg().update('budget.workspaceUsd', 1000, T);
    const tool = api.agentTools.tools().generate_shot;
    const prepared = await tool.prepareInvocation!(
      { input: { path: file, takes: 2 } } as vscode.LanguageModelToolInvocationPrepareOptions<{ path: string; takes?: number }>,
      new vscode.CancellationTokenSource().token,
    );
    const message = String(prepared?.confirmationMessages?.message ?? '');
    assert.match(message, /\$1\.68 \(2 take\(s\)\)/, message);
    assert.match(message, /Workspace budget: \$[\d.]+ left of \$1000\.00; \$[\d.]+ after this\./, message);
    assert.ok(prepared?.confirmationMessages?.title);
  });
});
