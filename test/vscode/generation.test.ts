// In-host: the generation workflow against a fal-protocol simulator on 127.0.0.1. The suite runs
// its own simulator (provider "fal" pointed at it) so it can read the simulator's stats (submits,
// cancels) and the sha256 of every clip it served; one test uses the extension's own in-process
// simulator (provider "simulator"), the path `npm start` takes.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTakeRecord, type TakeRecord } from '../../src/takes';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { Prompts } from '../../src/extension/common/prompts';
import { testSimulator, type Simulator } from '../kit/simulator';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

let api: KlingStudioApi;
let sim: Simulator;
const asked: string[] = [];
const answers = { cost: true, duplicate: true, noKey: undefined as 'set-key' | 'simulator' | undefined, del: true };
const prompts: Prompts = {
  async confirmCost(summary) {
    asked.push(`cost:${summary}`);
    return answers.cost;
  },
  async confirmDuplicate(name) {
    asked.push(`duplicate:${name}`);
    return answers.duplicate;
  },
  async noKey() {
    asked.push('noKey');
    return answers.noKey;
  },
  async simulatorTarget() {
    asked.push('simulatorTarget');
    return undefined;
  },
  async confirmDelete(what) {
    asked.push(`delete:${what}`);
    return answers.del;
  },
  async regenerateWhich(shotName) {
    asked.push(`regenerate:${shotName}`);
    return 'file';
  },
};

const cfg = () => vscode.workspace.getConfiguration('klingStudio');
const T = vscode.ConfigurationTarget.Workspace;

function writeShot(name: string, body: Record<string, unknown>): vscode.Uri {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  return vscode.Uri.file(file);
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function generateOne(uri: vscode.Uri) {
  const outcome = await api.generation.generate([uri]);
  assert.equal(outcome.refused.length, 0, `refused: ${outcome.refused.map(r => r.refused).join('; ')}`);
  assert.equal(outcome.jobs.length, 1, `no job started (declined: ${outcome.declined})`);
  return outcome.jobs[0]!;
}

suite('generation', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!;
    api = await ext.activate();
    sim = await testSimulator({ timing: { runners: 2, queueAhead: 1, queueStepMs: 150, processingMs: 1500, logEveryMs: 300 } });
    process.env.FAL_KEY = 'test-key-id:test-key-secret';
    await cfg().update('provider', 'fal', T);
    await cfg().update('fal.queueUrl', sim.url, T);
    await cfg().update('fal.storageUrl', sim.url, T);
    api.generation.setPromptsForTests(prompts);
  });

  suiteTeardown(async () => {
    api.generation.setPromptsForTests(undefined);
    api.generation.setTrustOverrideForTests(undefined);
    delete process.env.FAL_KEY;
    for (const k of ['provider', 'fal.queueUrl', 'fal.storageUrl', 'simulator.jobSeconds']) {
      await cfg().update(k, undefined, T);
    }
    await sim?.close();
  });

  setup(() => {
    asked.length = 0;
    Object.assign(answers, { cost: true, duplicate: true, noKey: undefined, del: true });
  });
  teardown(closeAllEditors);

  test('Estimate Cost prices a motion-control shot by its reference video, as `kling generate` does', async () => {
    // examples/dance.kling.json: a 6 s reference video, sound off, pro: 6 × $0.168 (the CLI's
    // test in test/unit/cli/money-prices.test.ts records the same figure for the same file).
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'dance.kling.json'));
    const cost = await vscode.commands.executeCommand<{ usd: number; seconds: number } | undefined>('klingStudio.estimateCost', uri);
    assert.equal(cost?.seconds, 6);
    assert.equal(cost?.usd, 1.008);
  });

  test("Generate → take record done, clip on disk with the simulator's sha256, takes panel shows it", async () => {
    const uri = writeShot('gen-basic.kling.json', {
      prompt: 'a lighthouse at dusk, gen-basic',
      duration: '3',
      aspect_ratio: '16:9',
      generate_audio: false,
    });
    const submits = sim.stats.submits;
    const outcome = await vscode.commands.executeCommand<Awaited<ReturnType<typeof api.generation.generate>>>('klingStudio.generate', uri);
    assert.equal(outcome?.jobs.length, 1);
    const job = outcome!.jobs[0]!;
    const rec = await job.done;
    assert.equal(rec?.status, 'done', `record: ${JSON.stringify(rec?.error)}`);
    const onDisk = await readTakeRecord(job.recordPath);
    assert.equal(onDisk.status, 'done');
    assert.equal(path.dirname(job.recordPath), path.join(workspaceDir(), 'renders'), 'default output folder is renders/ beside the shot');
    assert.ok(onDisk.clipPath && fs.existsSync(onDisk.clipPath), 'the clip is on disk');
    assert.equal(sha256(onDisk.clipPath), sim.clipSha256(onDisk.requestId!), 'the clip is byte-identical to what the simulator served');
    assert.equal(onDisk.sha256, sim.clipSha256(onDisk.requestId!));
    assert.equal(sim.stats.submits, submits + 1, 'exactly one submit');
    assert.equal(onDisk.costEstimateUsd, 0.336, '3 s × $0.112/s (pro, audio off)');
    assert.ok(!asked.some(a => a.startsWith('cost:')), 'no cost question under the threshold');
    const panel = await waitFor('takes panel with the clip', () => {
      const p = api.generation.takes.get(uri);
      const m = p?.lastMessage;
      return m?.type === 'takes' && m.takes.some(t => t.id === onDisk.id && t.clipSrc) ? p : undefined;
    });
    assert.equal(panel.panel.viewType, 'klingStudio.takes');
    const view = panel.lastMessage!.type === 'takes' ? panel.lastMessage!.takes.find(t => t.id === onDisk.id)! : undefined;
    assert.match(view!.clipSrc!, /\?v=\d+-\d+$/, 'the clip URI is cache-busted');
    assert.equal(view!.audio?.codec, null, "the simulator's clip has no audio track");
    assert.equal(view!.requestId, onDisk.requestId);

    // The identical request again within 60 s: asked, and declining sends nothing.
    answers.duplicate = false;
    const again = await api.generation.generate([uri]);
    assert.equal(again.declined, 'duplicate');
    assert.ok(asked.includes('duplicate:gen-basic.kling.json'));
    assert.equal(sim.stats.submits, submits + 1, 'the declined duplicate was not submitted');
  });

  test('above klingStudio.confirmCostAbove the user is asked; declining submits nothing', async () => {
    const uri = writeShot('gen-costly.kling.json', { prompt: 'an expensive shot', duration: '15', generate_audio: true });
    const submits = sim.stats.submits;
    answers.cost = false;
    const outcome = await api.generation.generate([uri]);
    assert.equal(outcome.declined, 'cost');
    assert.ok(
      asked.some(a => a.startsWith('cost:') && a.includes('$2.52')),
      `asked: ${asked.join(' | ')}`,
    );
    assert.equal(sim.stats.submits, submits);
  });

  test('batch from an Explorer multi-selection: one cost question for the total, one job per file', async () => {
    const a = writeShot('gen-batch-a.kling.json', { prompt: 'batch a', duration: '10' });
    const b = writeShot('gen-batch-b.kling.json', { prompt: 'batch b', duration: '10' });
    const submits = sim.stats.submits;
    // The Explorer passes (clicked uri, selected uris); a non-shot file in the selection is ignored.
    const outcome = await vscode.commands.executeCommand<Awaited<ReturnType<typeof api.generation.generate>>>('klingStudio.generate', a, [
      a,
      b,
      vscode.Uri.file(path.join(workspaceDir(), 'refs', 'hero-start.png')),
    ]);
    assert.equal(outcome?.jobs.length, 2);
    assert.deepEqual(
      asked.filter(q => q.startsWith('cost:')),
      ['cost:Generate 2 shots for about $3.36?'],
      '2 × 10 s × $0.168/s, asked once',
    );
    const recs = await Promise.all(outcome!.jobs.map(j => j.done));
    assert.deepEqual(
      recs.map(r => r?.status),
      ['done', 'done'],
    );
    assert.equal(sim.stats.submits, submits + 2);
  });

  test("Cancel mid-job → fal's cancel is called and the record ends cancelled", async () => {
    sim.timing.processingMs = 30_000;
    try {
      const uri = writeShot('gen-cancel.kling.json', { prompt: 'a long job to cancel', duration: '5' });
      const cancels = sim.stats.cancels;
      const job = await generateOne(uri);
      await waitFor('the job to be running on the simulator', () => job.status === 'running' || undefined);
      await vscode.commands.executeCommand('klingStudio.cancel', job.key);
      const rec = await job.done;
      assert.equal(rec?.status, 'cancelled');
      assert.equal(sim.stats.cancels, cancels + 1, 'the simulator saw exactly one cancel');
      const onDisk = await readTakeRecord(job.recordPath);
      assert.equal(onDisk.status, 'cancelled');
      assert.ok(onDisk.cancel, 'the cancel outcome is journalled');
      assert.equal(sim.job(onDisk.requestId!)?.cancel, 'in-progress');
    } finally {
      sim.timing.processingMs = 1500;
    }
  });

  test('untrusted workspace: Generate and Resume are refused, nothing is sent', async () => {
    // code-server runs the suite with --disable-workspace-trust, and trust cannot be revoked from
    // code: the extension's trust check has a test override (isTrusted() → false).
    const uri = writeShot('gen-untrusted.kling.json', { prompt: 'not in restricted mode', duration: '3' });
    const submits = sim.stats.submits;
    api.generation.setTrustOverrideForTests(false);
    try {
      const outcome = await api.generation.generate([uri]);
      assert.equal(outcome.declined, 'trust');
      assert.equal(outcome.jobs.length, 0);
      assert.deepEqual(await api.generation.resumeUnfinished(), []);
    } finally {
      api.generation.setTrustOverrideForTests(undefined);
    }
    assert.equal(sim.stats.submits, submits);
  });

  test('a 422 from fal becomes a diagnostic at the offending key', async () => {
    const text =
      '{\n  // fal rejects this prompt (the simulator\'s content-policy switch)\n  "duration": "3",\n  "prompt": "[sim:error=content_policy_violation] a forbidden scene"\n}\n';
    const file = path.join(workspaceDir(), 'gen-422.kling.json');
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const job = await generateOne(uri);
    const rec = await job.done;
    assert.equal(rec?.status, 'failed');
    assert.deepEqual(rec?.error?.detail?.[0]?.loc, ['body', 'prompt']);
    const diag = await waitFor('a fal diagnostic on the shot file', () =>
      vscode.languages.getDiagnostics(uri).find(d => String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('kling.fal-')),
    );
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diag.range.start.line, 3, 'on the "prompt" line');
    assert.equal(diag.range.start.character, text.split('\n')[3]!.indexOf('"[sim'), 'at the prompt value');
    assert.match(diag.message, /content checker/);
  });

  test('a failure notice goes when a retry of the shot starts; the retry is take #2', async () => {
    const uri = writeShot('gen-stale.kling.json', { prompt: '[sim:error=content_policy_violation] a forbidden scene', duration: '3' });
    const failed = await (await generateOne(uri)).done;
    assert.equal(failed?.status, 'failed');
    await waitFor('the failure notice is up', () => api.generation.failureNotices().includes(uri.toString()) || undefined);
    // The user fixes the prompt and generates again: the old failure goes as the retry starts.
    writeShot('gen-stale.kling.json', { prompt: 'a permitted scene', duration: '3' });
    // The failure opened the shot's document (for its diagnostics): Generate reads that once it has the new text.
    await waitFor(
      'the document reloaded from disk',
      () =>
        (vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString())?.getText() ?? 'permitted').includes('permitted') ||
        undefined,
    );
    const retry = await generateOne(uri);
    await waitFor('the stale failure notice is gone', () => (api.generation.failureNotices().includes(uri.toString()) ? undefined : true));
    const landed = await retry.done;
    assert.equal(landed?.status, 'done', JSON.stringify(landed?.error));
    assert.equal(landed?.number, 2, 'the retry is take #2 of the shot');
    assert.ok(!api.generation.failureNotices().includes(uri.toString()), 'a take that landed brings no failure back');
  });

  test('the takes panel keeps a running take listed while its record cannot be read from disk', async () => {
    // Running with no log lines: nothing writes the record until the clip is ready.
    sim.timing.processingMs = 6000;
    sim.timing.logEveryMs = 60_000;
    const uri = writeShot('gen-live-row.kling.json', { prompt: 'a live row', duration: '3' });
    const job = await generateOne(uri);
    const aside = `${job.recordPath}.aside`;
    try {
      await waitFor('the job running', () => (job.record?.status === 'running' ? true : undefined));
      await vscode.commands.executeCommand('klingStudio.openTakes', uri);
      const panel = await waitFor('the takes panel', () => api.generation.takes.get(uri));
      const id = job.record!.id;
      await waitFor('the row of the running take', () => {
        const m = panel.lastMessage;
        return m?.type === 'takes' && m.takes.some(t => t.id === id) ? true : undefined;
      });
      // The record is away (as a reader may catch it between writes): a refresh must not drop the row.
      fs.renameSync(job.recordPath, aside);
      await panel.refresh();
      const m = panel.lastMessage;
      assert.ok(m?.type === 'takes' && m.takes.some(t => t.id === id && t.running), JSON.stringify(m?.type === 'takes' && m.takes));
      fs.renameSync(aside, job.recordPath);
    } finally {
      if (fs.existsSync(aside)) fs.renameSync(aside, job.recordPath);
      sim.timing.processingMs = 1500;
      sim.timing.logEveryMs = 300;
    }
    assert.equal((await job.done)?.status, 'done');
  });

  test('extension host restarted mid-job: the journal record is resumed and the take lands (no second submit)', async () => {
    sim.timing.processingMs = 4000;
    try {
      const uri = writeShot('gen-restart.kling.json', { prompt: 'survives a restart', duration: '4', aspect_ratio: '9:16' });
      const submits = sim.stats.submits;
      const job = await generateOne(uri);
      await waitFor('a journalled request id', async () => {
        try {
          const r = await readTakeRecord(job.recordPath);
          return r.requestId && (r.status === 'queued' || r.status === 'running') ? r : undefined;
        } catch {
          return undefined;
        }
      });
      // What a dying host does: stop watching, no cancel. The record on disk stays non-final.
      const resumed = await api.generation.restartForTests();
      const midway: TakeRecord = await readTakeRecord(job.recordPath);
      assert.ok(
        ['queued', 'running'].includes(midway.status) || midway.status === 'downloading' || midway.status === 'done',
        `status after the stop: ${midway.status}`,
      );
      const again = resumed.find(j => j.recordPath === job.recordPath);
      assert.ok(again, `the record was picked up from the journal (resumed: ${resumed.map(j => path.basename(j.recordPath)).join(', ')})`);
      assert.equal(again.resumed, true);
      const rec = await again.done;
      assert.equal(rec?.status, 'done');
      assert.equal(sha256(rec!.clipPath!), sim.clipSha256(rec!.requestId!));
      assert.equal(sim.stats.submits, submits + 1, 'resuming never submits again');
    } finally {
      sim.timing.processingMs = 1500;
    }
  });

  test('a take another VS Code window follows is left to it, and taken over when that window goes', async () => {
    sim.timing.processingMs = 3000;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    try {
      const uri = writeShot('gen-two-windows.kling.json', { prompt: 'followed by one window at a time', duration: '3' });
      const submits = sim.stats.submits;
      const job = await generateOne(uri);
      const journalled = await waitFor('a journalled request id', async () => {
        try {
          const r = await readTakeRecord(job.recordPath);
          return r.requestId ? r : undefined;
        } catch {
          return undefined;
        }
      });
      // Between this host letting go and resuming, another (live) process takes the take's lock.
      const resumed = await api.generation.restartForTests(() =>
        fs.writeFileSync(
          `${job.recordPath}.lock`,
          JSON.stringify({ pid: other.pid, host: os.hostname(), nonce: 'other-window', at: new Date().toISOString() }),
        ),
      );
      assert.equal(
        resumed.find(j => j.recordPath === job.recordPath),
        undefined,
        'not resumed while another window holds it',
      );
      // The job runs on to the end on fal; with its follower elsewhere, nobody here may fetch it.
      const resultCalls = sim.stats.resultCalls;
      await waitFor('the job to complete on the simulator', () => sim.job(journalled.requestId!)?.state === 'COMPLETED');
      assert.equal(api.generation.service.isRunning(job.recordPath), false, 'not followed here meanwhile');
      assert.equal(sim.stats.resultCalls, resultCalls, 'nobody fetched the result while the other window held the take');
      assert.notEqual((await readTakeRecord(job.recordPath)).status, 'done');
      const exited = new Promise(r => other.once('exit', r));
      other.kill('SIGKILL');
      await exited;
      const rec = await waitFor('the take to land after the other window went away', async () => {
        const r = await readTakeRecord(job.recordPath);
        return r.status === 'done' ? r : undefined;
      });
      assert.equal(sha256(rec.clipPath!), sim.clipSha256(rec.requestId!));
      assert.equal(sim.stats.submits, submits + 1, 'taking over never submits again');
      // The record says done before the lock goes (the lock guards the final write), so wait for the release.
      await waitFor('the lock to be released once the take lands', () => !fs.existsSync(`${job.recordPath}.lock`));
    } finally {
      if (other.exitCode === null) {
        other.kill('SIGKILL');
      }
      sim.timing.processingMs = 1500;
    }
  });

  test('local media outside the workspace is refused before anything is uploaded', async () => {
    const outside = path.join(os.tmpdir(), `kling-outside-${process.pid}.png`);
    fs.copyFileSync(path.join(workspaceDir(), 'refs', 'hero-start.png'), outside);
    try {
      const uri = writeShot('gen-outside.kling.json', { endpoint: 'image-to-video', start_image_url: outside, prompt: 'x', duration: '3' });
      const uploads = sim.stats.storage.initiates;
      const outcome = await api.generation.generate([uri]);
      assert.equal(outcome.jobs.length, 0);
      assert.match(outcome.refused[0]?.refused ?? '', /outside the workspace/);
      assert.equal(sim.stats.storage.initiates, uploads);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  test('no API key, the simulator chosen: where to keep that choice is asked; dismissing it sends and writes nothing', async () => {
    const uri = writeShot('gen-nokey-sim.kling.json', { prompt: 'no key, simulator', duration: '3' });
    const settings = path.join(workspaceDir(), '.vscode', 'settings.json');
    const before = fs.existsSync(settings) ? fs.readFileSync(settings, 'utf8') : undefined;
    const key = process.env.FAL_KEY;
    delete process.env.FAL_KEY;
    answers.noKey = 'simulator';
    const submits = sim.stats.submits;
    try {
      const outcome = await api.generation.generate([uri]);
      assert.equal(outcome.declined, 'key');
      assert.deepEqual(asked, ['noKey', 'simulatorTarget']);
    } finally {
      process.env.FAL_KEY = key;
      answers.noKey = undefined;
    }
    assert.equal(sim.stats.submits, submits);
    assert.equal(fs.existsSync(settings) ? fs.readFileSync(settings, 'utf8') : undefined, before);
  });

  test('no API key: the user is offered Set API Key or the simulator; dismissing sends nothing', async () => {
    const uri = writeShot('gen-nokey.kling.json', { prompt: 'no key yet', duration: '3' });
    const key = process.env.FAL_KEY;
    delete process.env.FAL_KEY;
    const submits = sim.stats.submits;
    try {
      const outcome = await api.generation.generate([uri]);
      assert.equal(outcome.declined, 'key');
      assert.deepEqual(asked, ['noKey']);
    } finally {
      process.env.FAL_KEY = key;
    }
    assert.equal(sim.stats.submits, submits);
  });

  test('Show Request Body: the exact JSON with uploads as placeholders, read-only, no key', async () => {
    const uri = writeShot('gen-body.kling.json', {
      endpoint: 'image-to-video',
      start_image_url: './refs/hero-start.png',
      prompt: 'the body',
      duration: '5',
    });
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('klingStudio.showRequestBody', uri);
    assert.ok(doc);
    assert.equal(doc.uri.scheme, 'kling-request');
    const text = doc.getText();
    assert.match(text, /POST .*\/fal-ai\/kling-video\/v3\/pro\/image-to-video/);
    assert.match(text, /"start_image_url": "<uploaded to fal storage on submit: \.\/refs\/hero-start\.png>"/);
    assert.ok(!text.includes('test-key-secret'), 'the key never appears');
    assert.ok(!text.includes('"endpoint"'), 'endpoint is not part of the body');
  });

  test('Copy Request as cURL / JavaScript / Python: on the clipboard, the body Generate sends, the key named and never written', async () => {
    const uri = writeShot('gen-copy.kling.json', {
      endpoint: 'image-to-video',
      start_image_url: './refs/hero-start.png',
      prompt: 'the "copied" body',
      duration: '5',
    });
    const image = path.join(path.dirname(uri.fsPath), 'refs', 'hero-start.png');
    const expected = {
      curl: ['$FAL_KEY', "/fal-ai/kling-video/v3/pro/image-to-video' \\", `start_image_url ← ${image}`],
      javascript: [
        'process.env.FAL_KEY',
        `input["start_image_url"] = await fal.storage.upload(new Blob([await readFile(${JSON.stringify(image)})]));`,
      ],
      python: ['os.environ["FAL_KEY"]', `arguments["start_image_url"] = client.upload_file(${JSON.stringify(image)})`],
    };
    for (const [form, parts] of Object.entries(expected)) {
      const text = await vscode.commands.executeCommand<string | undefined>('klingStudio.copyRequest', uri, form);
      assert.ok(text, form);
      assert.equal(await vscode.env.clipboard.readText(), text, `${form} is on the clipboard`);
      for (const part of parts) assert.ok(text.includes(part), `${form} has ${part}:\n${text}`);
      assert.ok(!text.includes('test-key-secret'), `${form}: the key never appears`);
      assert.ok(text.includes('"prompt": "the \\"copied\\" body"'), form);
    }
  });

  test('provider "simulator": the extension\'s own offline simulator, no key needed', async () => {
    const key = process.env.FAL_KEY;
    delete process.env.FAL_KEY;
    await cfg().update('simulator.jobSeconds', 1, T);
    await cfg().update('provider', 'simulator', T);
    try {
      const uri = writeShot('gen-offline.kling.json', { prompt: 'offline', duration: '3', aspect_ratio: '1:1' });
      const job = await generateOne(uri);
      assert.equal(job.provider, 'simulator');
      const rec = await job.done;
      assert.equal(rec?.status, 'done');
      assert.equal(rec?.costEstimateUsd, undefined, 'simulated takes cost nothing');
      const own = api.generation.provider.simulator.running!;
      assert.equal(sha256(rec!.clipPath!), own.clipSha256(rec!.requestId!));
      assert.ok(!asked.includes('noKey'));
    } finally {
      process.env.FAL_KEY = key;
      await cfg().update('provider', 'fal', T);
    }
  });

  test('Generate Takes with 3: one cost confirmation for the total, three journalled takes, all in the panel', async () => {
    const uri = writeShot('gen-three.kling.json', { prompt: 'a kite over dunes, gen-three', duration: '3', generate_audio: false });
    await cfg().update('confirmCostAbove', 0, T);
    try {
      const submits = sim.stats.submits;
      const outcome = await vscode.commands.executeCommand<Awaited<ReturnType<typeof api.generation.generate>>>(
        'klingStudio.generateTakes',
        uri,
        3,
      );
      assert.deepEqual(
        asked.filter(a => a.startsWith('cost:')),
        ['cost:Generate 3 takes of gen-three.kling.json for about $1.01?'],
        'one question, for 3 × $0.336',
      );
      assert.equal(outcome?.jobs.length, 3);
      assert.equal(
        new Set(outcome!.jobs.map(j => j.recordPath)).size,
        3,
        `three take records: ${outcome!.jobs.map(j => j.recordPath).join(', ')}`,
      );
      const records = await Promise.all(outcome!.jobs.map(j => j.done));
      assert.deepEqual(
        records.map(r => r?.status),
        ['done', 'done', 'done'],
      );
      assert.equal(sim.stats.submits, submits + 3);
      assert.equal(new Set(records.map(r => r!.requestId)).size, 3, 'three paid requests');
      for (const j of outcome!.jobs) {
        assert.equal((await readTakeRecord(j.recordPath)).status, 'done', 'journalled on disk');
      }
      await vscode.commands.executeCommand('klingStudio.openTakes', uri);
      await waitFor('the three takes in the panel', () => {
        const m = api.generation.takes.get(uri)?.lastMessage;
        const ids = new Set(records.map(r => r!.id));
        return m?.type === 'takes' && m.takes.filter(t => ids.has(t.id) && t.clipSrc).length === 3 ? true : undefined;
      });
    } finally {
      await cfg().update('confirmCostAbove', undefined, T);
    }
  });

  test('takes panel reads the audio codec from the MP4 header (AAC detected)', async () => {
    // A 2 s H.264 + AAC clip made with ffmpeg (checked in: the suite must not need ffmpeg).
    const src = path.resolve(__dirname, '../../../test/unit/generation/fixtures/aac-tone.mp4');
    assert.ok(fs.existsSync(src), `the checked-in AAC fixture is missing: ${src}`);
    const uri = writeShot('gen-aac.kling.json', { prompt: 'with sound', duration: '3' });
    const renders = path.join(workspaceDir(), 'renders');
    fs.mkdirSync(renders, { recursive: true });
    const clip = path.join(renders, 'gen-aac.20260101-000000.mp4');
    fs.copyFileSync(src, clip);
    const now = new Date().toISOString();
    const rec: TakeRecord = {
      version: 1,
      id: 'aac-take',
      shotFile: uri.fsPath,
      endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
      body: { prompt: 'with sound', duration: '3' },
      requestId: 'req-aac',
      status: 'done',
      createdAt: now,
      updatedAt: now,
      clipPath: clip,
      sha256: sha256(clip),
    };
    fs.writeFileSync(path.join(renders, 'gen-aac.20260101-000000.take.json'), JSON.stringify(rec));
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    const view = await waitFor('audio info in the panel', () => {
      const m = api.generation.takes.get(uri)?.lastMessage;
      return m?.type === 'takes' ? m.takes.find(t => t.id === 'aac-take' && t.audio) : undefined;
    });
    assert.equal(view.audio?.codec, 'aac');
    // code-server is the browser-hosted workbench: the browser's codecs play AAC, so no warning.
    assert.equal(view.audio?.unsupported, vscode.env.uiKind === vscode.UIKind.Desktop);
  });
});
