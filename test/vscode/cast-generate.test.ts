// Voices of a cast in the extension host, against a simulator on 127.0.0.1: Generate makes a
// member's missing voice first through the take session (one create-voice job), remembers it beside
// the cast, and the shot's body binds it; `kling generate` (the CLI, a real process) then reuses
// that voice for another shot, paying for no second one.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { Prompts } from '../../src/extension/common/prompts';
import { readTakeRecord } from '../../src/takes';
import { testSimulator, type Simulator } from '../kit/simulator';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';

let api: KlingStudioApi;
let sim: Simulator;
const yes: Prompts = {
  confirmCost: async () => true,
  confirmDuplicate: async () => true,
  noKey: async () => undefined,
  simulatorTarget: async () => undefined,
  confirmDelete: async () => true,
  regenerateWhich: async () => 'file',
};
const cfg = () => vscode.workspace.getConfiguration('klingStudio');
const T = vscode.ConfigurationTarget.Workspace;
const VOICE = 'fal-ai/kling-video/create-voice';
const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';
const jobsOf = (endpoint: string) => [...sim.jobs.values()].filter(j => j.endpointId === endpoint);
const elementsOf = (body: unknown) => (body as { elements: Record<string, unknown>[] }).elements;

function writeShot(dir: string, name: string, prompt: string): vscode.Uri {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    JSON.stringify({ endpoint: 'image-to-video', start_image_url: '../refs/hero-start.png', cast: ['Mara'], prompt, duration: '3' }),
  );
  return vscode.Uri.file(file);
}

suite('cast voices in VS Code', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
    sim = await testSimulator({ timing: { runners: 2, processingMs: 300 } });
    process.env.FAL_KEY = 'test-key-id:test-key-secret';
    await cfg().update('provider', 'fal', T);
    await cfg().update('fal.queueUrl', sim.url, T);
    await cfg().update('fal.storageUrl', sim.url, T);
    api.generation.setPromptsForTests(yes);
  });

  suiteTeardown(async () => {
    api.generation.setPromptsForTests(undefined);
    delete process.env.FAL_KEY;
    for (const k of ['provider', 'fal.queueUrl', 'fal.storageUrl']) await cfg().update(k, undefined, T);
    await sim?.close();
  });
  teardown(closeAllEditors);

  test('Generate makes the voice once and binds it; kling generate reuses it', async () => {
    const dir = path.join(workspaceDir(), 'cast-gen');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'crew.kling-cast.json'),
      JSON.stringify({
        members: {
          Mara: {
            frontal_image_url: '../refs/hero-front.png',
            reference_image_urls: ['../refs/hero-side.png'],
            voice_url: '../refs/dance.mp4',
          },
        },
      }),
    );
    const a = writeShot(dir, 'a.kling.json', '@Mara speaks');
    const outcome = await api.generation.generate([a]);
    assert.equal(outcome.refused.length, 0, outcome.refused.map(r => r.refused).join('; '));
    assert.equal(outcome.jobs.length, 1);
    const rec = await outcome.jobs[0]!.done;
    assert.equal(rec?.status, 'done', JSON.stringify(rec?.error));
    assert.equal(jobsOf(VOICE).length, 1, 'one create-voice job');
    const voiceRecords = fs
      .readdirSync(path.join(dir, 'renders'))
      .filter(f => f.startsWith('crew.kling-cast.') && f.endsWith('.take.json'));
    assert.equal(voiceRecords.length, 1, 'the voice take is journalled beside the cast');
    const voiceId = (await readTakeRecord(path.join(dir, 'renders', voiceRecords[0]!))).voiceId;
    assert.ok(voiceId);
    assert.equal(elementsOf(rec!.body)[0]!.voice_id, voiceId);
    assert.match(fs.readFileSync(path.join(dir, '.kling-cast.voices.json'), 'utf8'), new RegExp(voiceId));

    // The CLI, a real process, reads the voice the extension remembered.
    const b = writeShot(dir, 'b.kling.json', '@Mara answers');
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const child = spawn(
      process.execPath,
      [cli, 'generate', b.fsPath, '--root', workspaceDir(), '--queue-url', sim.url, '--storage-url', sim.url],
      { cwd: workspaceDir(), env: { ...process.env, NODE_OPTIONS: '', KLING_BUDGET_USD: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr!.on('data', d => (err += d));
    const code = await new Promise<number | null>(r => child.on('exit', c => r(c)));
    assert.equal(code, 0, err);
    assert.equal(jobsOf(VOICE).length, 1, 'no second create-voice job');
    const shots = jobsOf(I2V);
    assert.equal(elementsOf(shots.at(-1)!.body)[0]!.voice_id, voiceId);
  });
});
