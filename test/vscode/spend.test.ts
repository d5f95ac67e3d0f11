// In-host: spend follows the take records. The status bar's "Kling: $X today" moves when a take
// lands, a budget refuses a Generate before anything reaches the server, and the cost
// confirmation shows what the submit adds. Runs its own simulator (provider "fal" pointed at it:
// priced takes, submits counted at the server), plus the extension's own simulator (free takes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { Prompts } from '../../src/extension/common/prompts';
import type { GenerateOutcome } from '../../src/extension/generation/generate-command';
import type { SequenceDocMessage } from '../../src/shared/sequence-messages';
import { formatUsd } from '../../src/extension/common/cost-text';
import { testSimulator, type Simulator } from '../kit/simulator';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

let api: KlingStudioApi;
let sim: Simulator;
const details: string[] = [];
const prompts: Prompts = {
  async confirmCost(summary, detail) {
    details.push(`${summary}\n${detail}`);
    return true;
  },
  async confirmDuplicate() {
    return true;
  },
  async noKey() {
    return undefined;
  },
  async simulatorTarget() {
    return undefined;
  },
  async regenerateWhich() {
    return undefined;
  },
  async confirmDelete() {
    return true;
  },
};

const cfg = () => vscode.workspace.getConfiguration('klingStudio');
const T = vscode.ConfigurationTarget.Workspace;
const SETTINGS = [
  'provider',
  'fal.queueUrl',
  'fal.storageUrl',
  'simulator.jobSeconds',
  'budget.dailyUsd',
  'budget.workspaceUsd',
  'confirmCostAbove',
];

function writeShot(name: string, prompt: string): vscode.Uri {
  // Pro text-to-video, 5 s with audio: $0.84 at the built-in prices.
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, JSON.stringify({ prompt, duration: '5', aspect_ratio: '16:9' }, null, 2) + '\n');
  return vscode.Uri.file(file);
}

const takeFiles = () =>
  fs.existsSync(path.join(workspaceDir(), 'renders'))
    ? fs.readdirSync(path.join(workspaceDir(), 'renders')).filter(n => n.endsWith('.take.json'))
    : [];

suite('spend', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
    sim = await testSimulator({ timing: { runners: 2, processingMs: 300 } });
    process.env.FAL_KEY = 'test-key-id:test-key-secret';
    await cfg().update('provider', 'fal', T);
    await cfg().update('fal.queueUrl', sim.url, T);
    await cfg().update('fal.storageUrl', sim.url, T);
    api.generation.setPromptsForTests(prompts);
  });

  suiteTeardown(async () => {
    api.generation.setPromptsForTests(undefined);
    delete process.env.FAL_KEY;
    for (const k of SETTINGS) await cfg().update(k, undefined, T);
    await sim?.close();
  });

  setup(() => {
    details.length = 0;
  });
  teardown(closeAllEditors);

  test('the status bar total follows a landed take', async () => {
    const before = (await api.generation.spend.refresh()).today.usd;
    await waitFor('the status bar to show the current total', () =>
      api.generation.spendStatusText() === `Kling: ${formatUsd(before)} today` ? true : undefined,
    );
    const outcome = await api.generation.generate([writeShot('spend-landed.kling.json', 'a kite over dunes, spend-landed')]);
    assert.equal(outcome.jobs.length, 1, `declined: ${outcome.declined}`);
    const rec = await outcome.jobs[0]!.done;
    assert.equal(rec?.status, 'done');
    assert.equal(rec?.provider, 'fal');
    assert.equal(rec?.billableUnits, 5, 'the simulator reported billable units');
    assert.equal(rec?.billedUsd, 0.84);
    const want = `Kling: ${formatUsd(before + 0.84)} today`;
    await waitFor(`the status bar to read "${want}"`, () => (api.generation.spendStatusText() === want ? true : undefined));
  });

  test('over the workspace budget: refused before any upload or submit; within it, the confirmation shows the totals', async () => {
    const spent = (await api.generation.spend.refresh()).workspace.usd;
    await cfg().update('budget.workspaceUsd', Math.round((spent + 0.5) * 100) / 100, T);
    const attempts = sim.stats.submitAttempts;
    const files = takeFiles().length;
    const refused = await api.generation.generate([writeShot('spend-over.kling.json', 'a glacier calving, spend-over')]);
    assert.equal(refused.declined, 'budget');
    assert.equal(refused.jobs.length, 0);
    assert.equal(sim.stats.submitAttempts, attempts, 'nothing reached the server');
    assert.equal(takeFiles().length, files, 'no take record was written');

    // Enough room, and asked every time: the confirmation says where the totals go.
    await cfg().update('budget.workspaceUsd', Math.round((spent + 5) * 100) / 100, T);
    await cfg().update('confirmCostAbove', 0, T);
    const today = api.generation.spend.current!.today.usd;
    const ok = await api.generation.generate([writeShot('spend-fits.kling.json', 'a glacier at noon, spend-fits')]);
    assert.equal(ok.jobs.length, 1, `declined: ${ok.declined}`);
    assert.equal(details.length, 1);
    assert.ok(
      details[0]!.includes(
        `This adds $0.84: today ${formatUsd(today)} → ${formatUsd(today + 0.84)}, workspace ${formatUsd(spent)} → ${formatUsd(spent + 0.84)}.`,
      ),
      details[0],
    );
    await ok.jobs[0]!.done;
  });

  test('a batch is refused as a whole under the daily budget', async () => {
    await cfg().update('budget.workspaceUsd', undefined, T);
    const today = (await api.generation.spend.refresh()).today.usd;
    // One shot ($0.84) fits; two ($1.68) do not.
    await cfg().update('budget.dailyUsd', Math.round((today + 1) * 100) / 100, T);
    const attempts = sim.stats.submitAttempts;
    const outcome = await api.generation.generate([
      writeShot('spend-batch-a.kling.json', 'batch a, spend-batch'),
      writeShot('spend-batch-b.kling.json', 'batch b, spend-batch'),
    ]);
    assert.equal(outcome.declined, 'budget');
    assert.equal(sim.stats.submitAttempts, attempts);
  });

  test('provider "simulator": takes are free, counted apart with what fal would charge, and no budget applies', async () => {
    await cfg().update('budget.dailyUsd', 0, T);
    await cfg().update('simulator.jobSeconds', 1, T);
    await cfg().update('provider', 'simulator', T);
    try {
      const before = await api.generation.spend.refresh();
      const outcome = await api.generation.generate([writeShot('spend-sim.kling.json', 'offline, spend-sim')]);
      assert.equal(outcome.jobs.length, 1, `declined: ${outcome.declined}`);
      const rec = await outcome.jobs[0]!.done;
      assert.equal(rec?.provider, 'simulator');
      // The estimate a fal take of this shot records ($0.84), kept beside the free take.
      assert.deepEqual([rec?.costEstimateUsd, rec?.atFalUsd], [undefined, 0.84]);
      const after = await waitFor('the simulator take to be counted', async () => {
        const l = await api.generation.spend.refresh();
        return l.simulator.takes === before.simulator.takes + 1 ? l : undefined;
      });
      assert.equal(after.today.usd, before.today.usd, 'simulator takes cost nothing');
      assert.equal(Math.round((after.simulator.atFalUsd - before.simulator.atFalUsd) * 100) / 100, 0.84);
      // The Spend section: the simulator's takes at $0.00, and what they would cost on fal.
      const row = await waitFor('the Spend section to show the simulator row at fal prices', () => {
        const r = api.generation.spendRows()?.find(i => i.id === 'simulator');
        return r?.description.includes(formatUsd(after.simulator.atFalUsd)) ? r : undefined;
      });
      assert.equal(
        row.description,
        `${after.simulator.takes === 1 ? '1 take' : `${after.simulator.takes} takes`} · $0.00 · at fal prices: ${formatUsd(after.simulator.atFalUsd)}`,
      );
      assert.match(api.generation.spendStatusText(), /^Kling: \$\d+\.\d\d today$/);
    } finally {
      await cfg().update('provider', 'fal', T);
      await cfg().update('budget.dailyUsd', undefined, T);
    }
  });

  test('Generate Takes… over the budget: the variations are declined as a whole, nothing uploaded or submitted', async () => {
    await cfg().update('budget.dailyUsd', undefined, T);
    const spent = (await api.generation.spend.refresh()).workspace.usd;
    // One take ($0.84) fits; two ($1.68) do not.
    await cfg().update('budget.workspaceUsd', Math.round((spent + 1) * 100) / 100, T);
    try {
      const attempts = sim.stats.submitAttempts;
      const uploads = sim.stats.storage.initiates + sim.stats.storage.multipartInitiates;
      const files = takeFiles().length;
      const outcome = await vscode.commands.executeCommand<GenerateOutcome | undefined>(
        'klingStudio.generateTakes',
        writeShot('spend-takes.kling.json', 'two takes of a lighthouse, spend-takes'),
        2,
      );
      assert.equal(outcome?.declined, 'budget');
      assert.equal(outcome?.jobs.length, 0);
      assert.equal(sim.stats.submitAttempts, attempts, 'nothing was submitted');
      assert.equal(sim.stats.storage.initiates + sim.stats.storage.multipartInitiates, uploads, 'nothing was uploaded');
      assert.equal(takeFiles().length, files, 'no take record was written');
    } finally {
      await cfg().update('budget.workspaceUsd', undefined, T);
    }
  });

  test('a budget refusal offers "Open Setting", which opens the settings editor at that budget', async () => {
    const offered: string[][] = [];
    const ran: [string, string][] = [];
    api.generation.setBudgetRefusalHookForTests({
      choose: (message, actions) => {
        offered.push([message, ...actions]);
        return actions.find(a => a === 'Open Setting');
      },
      ran: (command, arg) => ran.push([command, arg]),
    });
    await cfg().update('budget.dailyUsd', 0, T);
    try {
      const outcome = await api.generation.generate([writeShot('spend-open-setting.kling.json', 'a harbour at dusk, spend-open-setting')]);
      assert.equal(outcome.declined, 'budget');
      assert.equal(offered.length, 1);
      assert.match(offered[0]![0]!, /over the daily budget/);
      assert.deepEqual(offered[0]!.slice(1), ['Open Setting']);
      await waitFor('the settings editor to be opened at the daily budget', () => (ran.length ? true : undefined));
      assert.deepEqual(ran, [['workbench.action.openSettings', 'klingStudio.budget.dailyUsd']]);
      await waitFor('the Settings tab to be active', () =>
        vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings' ? true : undefined,
      );
    } finally {
      api.generation.setBudgetRefusalHookForTests(undefined);
      await cfg().update('budget.dailyUsd', undefined, T);
    }
  });

  test("a sequence's spend shows in its editor and in the Spend section, and follows a landed take", async () => {
    const shot = writeShot('spend-seq-shot.kling.json', 'a tram in the rain, spend-seq');
    const seq = vscode.Uri.file(path.join(workspaceDir(), 'spend-cut.kling-seq.json'));
    fs.writeFileSync(seq.fsPath, '{ "shots": [ "spend-seq-shot.kling.json", "spend-seq-shot.kling.json" ] }\n');
    const lastSpend = async () =>
      (await vscode.commands.executeCommand<SequenceDocMessage | undefined>('klingStudio._test.sequenceEditor', seq))?.spend;
    await vscode.commands.executeCommand('vscode.openWith', seq, 'klingStudio.sequenceEditor');
    await waitFor('the sequence editor to show nothing spent', async () => ((await lastSpend())?.shots === 0 ? true : undefined));
    const outcome = await api.generation.generate([shot]);
    assert.equal(outcome.jobs.length, 1, `declined: ${outcome.declined}`);
    assert.equal((await outcome.jobs[0]!.done)?.status, 'done');
    const spend = await waitFor('the sequence editor to show the landed take', async () => {
      const s = await lastSpend();
      return s && s.takes === 1 ? s : undefined;
    });
    assert.deepEqual(spend, { usd: 0.84, takes: 1, shots: 1, simulatorTakes: 0, simulatorAtFalUsd: 0 });
    const row = api.generation.spend.sequences.find(e => e.file === seq.fsPath);
    assert.deepEqual(row?.spend, spend, 'the Spend section has the same row');
  });
  test('a take record linked in from outside the workspace is not read: not resumed, not listed, not counted', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-outside-'));
    const shot = writeShot('spend-outside.kling.json', 'a lighthouse, spend-outside');
    const now = new Date().toISOString();
    // A take of this shot, still queued on the configured queue, worth $50: it lives outside the
    // workspace, and only a link to it sits in renders/.
    const record = {
      version: 1,
      id: 'outside-take',
      shotFile: shot.fsPath,
      endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
      body: { prompt: 'x' },
      requestId: 'outside-request',
      statusUrl: `${sim.url}/fal-ai/kling-video/requests/outside-request/status`,
      responseUrl: `${sim.url}/fal-ai/kling-video/requests/outside-request`,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
      provider: 'fal',
      costEstimateUsd: 50,
    };
    const target = path.join(outside, 'elsewhere.take.json');
    fs.writeFileSync(target, JSON.stringify(record));
    const before = fs.readFileSync(target, 'utf8');
    fs.mkdirSync(path.join(workspaceDir(), 'renders'), { recursive: true });
    const link = path.join(workspaceDir(), 'renders', 'spend-outside.20260101-000000.take.json');
    fs.symlinkSync(target, link);
    try {
      const jobs = await api.generation.resumeUnfinished();
      assert.ok(!jobs.some(j => j.recordPath === link), 'the linked record is not resumed');
      assert.ok(!api.generation.service.isRunning(link));
      const ledger = await api.generation.spend.refresh();
      assert.ok(ledger.workspace.usd < 50, `the $50 outside take is not counted (workspace total ${ledger.workspace.usd})`);
      const panel = api.generation.takes.open(shot);
      const shown = await waitFor('the takes panel listing', () => {
        const m = panel.lastMessage;
        return m?.type === 'takes' ? m.takes : undefined;
      });
      assert.ok(!shown.some(t => t.id === 'outside-take'), 'the takes panel does not list it');
      assert.equal(fs.readFileSync(target, 'utf8'), before, 'nothing was written outside');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
