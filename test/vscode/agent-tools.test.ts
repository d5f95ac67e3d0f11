// In-host: the language-model tools. Each is invoked through vscode.lm.invokeTool, the way agent
// mode calls it. In VS Code 1.100.3, invokeTool without a chat request's token still runs
// prepareInvocation and asks its confirmation as a modal dialog, which an extension test host
// answers "yes" by itself; so the confirmation's words are read from the registered tool, through
// the extension's test API, and the invokeTool test checks that VS Code asked for them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KlingStudioApi } from '../../src/extension/test-api';
import { makeClip } from '../../src/simulator';
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
    for (const k of ['budget.workspaceUsd', 'provider', 'simulator.jobSeconds']) await cfg().update(k, undefined, T);
  });
  teardown(closeAllEditors);

  test('the tools are registered under the names package.json contributes', () => {
    const names = vscode.lm.tools.map(t => t.name);
    for (const n of [
      'kling_validate_shot',
      'kling_estimate_cost',
      'kling_generate_shot',
      'kling_list_takes',
      'kling_select_take',
      'kling_assemble_sequence',
      'kling_new_shot',
    ])
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

  test('kling_generate_shot through lm.invokeTool: VS Code runs prepareInvocation first, then the take is made', async () => {
    await cfg().update('simulator.jobSeconds', 1, T);
    await cfg().update('provider', 'simulator', T);
    const file = writeShot('agent-invoke.kling.json', { endpoint: 'text-to-video', prompt: 'a heron, agent-invoke', duration: '5' });
    const before = api.agentTools.prepared;
    const r = (await invoke('kling_generate_shot', { path: file })) as { takes?: { status: string; clip: string | null }[] };
    assert.equal(api.agentTools.prepared, before + 1, 'invokeTool ran prepareInvocation once');
    assert.equal(r.takes?.length, 1, JSON.stringify(r));
    assert.equal(r.takes[0]!.status, 'done', JSON.stringify(r));
    assert.ok(r.takes[0]!.clip && fs.existsSync(path.join(workspaceDir(), r.takes[0]!.clip)), JSON.stringify(r));
    await cfg().update('provider', undefined, T);
  });

  test('kling_new_shot writes a shot that validates, never over a file, never outside the workspace', async () => {
    const input = { path: 'agent-new.kling.json', endpoint: 'text-to-video', prompt: 'a fox in snow', duration: '5' };
    const r = (await invoke('kling_new_shot', input)) as { path: string; endpoint: string };
    assert.equal(r.path, 'agent-new.kling.json');
    assert.match(r.endpoint, /text-to-video/);
    const written = fs.readFileSync(path.join(workspaceDir(), 'agent-new.kling.json'), 'utf8');
    assert.deepEqual(JSON.parse(written), { endpoint: 'text-to-video', prompt: 'a fox in snow', duration: '5' });
    const again = (await invoke('kling_new_shot', { ...input, prompt: 'another' })) as { error?: string };
    assert.match(again.error ?? '', /exists; new_shot never overwrites/);
    assert.equal(fs.readFileSync(path.join(workspaceDir(), 'agent-new.kling.json'), 'utf8'), written);
    const bad = (await invoke('kling_new_shot', { ...input, path: 'agent-bad-new.kling.json', duration: '99' })) as { error?: string };
    assert.match(bad.error ?? '', /would not validate/);
    assert.equal(fs.existsSync(path.join(workspaceDir(), 'agent-bad-new.kling.json')), false);
    const out = (await invoke('kling_new_shot', { ...input, path: '../agent-escape.kling.json' })) as { error?: string };
    assert.match(out.error ?? '', /outside the workspace folders/);
    assert.equal(fs.existsSync(path.join(workspaceDir(), '..', 'agent-escape.kling.json')), false);
  });

  /** Two done takes of `name` in `dir`/renders, the same clip. */
  async function doneTakes(dir: string, name: string, stamps: string[]): Promise<{ shot: string; records: string[] }> {
    const renders = path.join(dir, 'renders');
    fs.mkdirSync(renders, { recursive: true });
    const shot = path.join(dir, `${name}.kling.json`);
    fs.writeFileSync(shot, '{ "prompt": "a paper boat" }\n');
    const clip = await makeClip({ durationS: 2, aspect: '16:9', shots: [2], audio: false });
    const records = stamps.map((stamp, i) => {
      const at = `2026-01-01T10:00:0${i}.000Z`;
      fs.writeFileSync(path.join(renders, `${name}.${stamp}.mp4`), clip.data);
      const record = path.join(renders, `${name}.${stamp}.take.json`);
      fs.writeFileSync(
        record,
        JSON.stringify({
          version: 1,
          id: `${name}-${i}`,
          shotFile: shot,
          endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
          body: {},
          status: 'done',
          clipPath: path.join(renders, `${name}.${stamp}.mp4`),
          createdAt: at,
          updatedAt: at,
        }),
      );
      return record;
    });
    return { shot, records };
  }

  test('kling_select_take circles a take as the takes panel does; kling_list_takes shows it', async () => {
    const dir = path.join(workspaceDir(), 'agent-select');
    const { records } = await doneTakes(dir, 'heron', ['20260101-100000', '20260101-100001']);
    const rel = path.relative(workspaceDir(), records[0]!);
    const r = (await invoke('kling_select_take', { record: rel })) as { record: string; shotFile: string; selection: string };
    assert.equal(r.record, rel, JSON.stringify(r));
    assert.ok(fs.existsSync(path.join(workspaceDir(), r.selection)), JSON.stringify(r));
    const list = (await invoke('kling_list_takes', { path: path.relative(workspaceDir(), path.join(dir, 'heron.kling.json')) })) as {
      takes: { record: string; selected: boolean }[];
    };
    assert.deepEqual(
      list.takes.filter(t => t.selected).map(t => t.record),
      [rel],
    );
    const notRecord = (await invoke('kling_select_take', { record: 'agent-select/heron.kling.json' })) as { error?: string };
    assert.match(notRecord.error ?? '', /not a take record/);
  });

  test('kling_assemble_sequence joins the takes into an MP4 inside the workspace; an out outside it is refused', async () => {
    const dir = path.join(workspaceDir(), 'agent-cut');
    await doneTakes(dir, 'one', ['20260101-100000']);
    await doneTakes(dir, 'two', ['20260101-100000']);
    fs.writeFileSync(path.join(dir, 'film.kling-seq.json'), '{ "shots": [ "one.kling.json", "two.kling.json" ] }\n');
    const r = (await invoke('kling_assemble_sequence', { path: 'agent-cut/film.kling-seq.json', out: 'agent-cut/film.mp4' })) as {
      out: string;
      shots: number;
      seconds: number;
      method: string;
    };
    assert.deepEqual(r, { out: 'agent-cut/film.mp4', shots: 2, seconds: 4, method: 'remux' });
    assert.ok(fs.statSync(path.join(dir, 'film.mp4')).size > 0);
    const out = (await invoke('kling_assemble_sequence', { path: 'agent-cut/film.kling-seq.json', out: '../agent-film.mp4' })) as {
      error?: string;
    };
    assert.match(out.error ?? '', /outside the workspace folders/);
    assert.equal(fs.existsSync(path.join(workspaceDir(), '..', 'agent-film.mp4')), false);
    const missing = (await invoke('kling_assemble_sequence', { path: 'agent-cut/one.kling.json', out: 'agent-cut/x.mp4' })) as {
      error?: string;
    };
    assert.match(missing.error ?? '', /not a sequence file/);
  });
});
