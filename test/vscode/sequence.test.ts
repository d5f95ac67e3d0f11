import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { GenerateOutcome } from '../../src/extension/generation/generate-command';
import type { SequenceDocMessage } from '../../src/shared/sequence-messages';
import { makeClip, type Simulator } from '../../src/simulator';
import { testSimulator } from '../kit/simulator';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const codes = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.source === 'Kling')
    .map(d => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`)
    .sort()
    .join(' ');

suite('sequence files in VS Code', () => {
  teardown(closeAllEditors);

  test('Problems lists a missing shot as an error and an ungenerated shot as a hint, and follows takes landing', async () => {
    const dir = workspaceDir();
    const file = path.join(dir, 'problems.kling-seq.json');
    fs.writeFileSync(file, '{\n  "shots": [\n    "hello.kling.json",\n    "missing.kling.json"\n  ]\n}\n');
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'kling-sequence');
    await waitFor('sequence diagnostics', () =>
      codes(uri) === 'kling.sequence-not-generated@2:4 kling.sequence-shot-missing@3:4' ? true : undefined,
    );
    const missing = vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'kling.sequence-shot-missing')!;
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing.message, /missing\.kling\.json/);

    // A done take landing in renders/ makes the shot generated: the hint goes without an edit.
    const renders = path.join(dir, 'renders');
    fs.mkdirSync(renders, { recursive: true });
    const now = new Date().toISOString();
    fs.writeFileSync(
      path.join(renders, 'hello.20260101-100000.take.json'),
      JSON.stringify({
        version: 1,
        id: 'take-1',
        shotFile: path.join(dir, 'hello.kling.json'),
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'x' },
        status: 'done',
        createdAt: now,
        updatedAt: now,
      }),
    );
    await waitFor('the hint to go once a take landed', () => (codes(uri) === 'kling.sequence-shot-missing@3:4' ? true : undefined));

    // Editing the text re-checks it.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(3, 4, 3, 24), '"hello.kling.json"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitFor('no problems after the edit', () => (codes(uri) === '' ? true : undefined));
  });
});

suite('Export Cut in VS Code', () => {
  teardown(closeAllEditors);

  test('joins the takes of a sequence into an MP4, with an .otio and an .fcpxml beside it that carry each take', async () => {
    const dir = path.join(workspaceDir(), 'export-cut');
    const renders = path.join(dir, 'renders');
    fs.mkdirSync(renders, { recursive: true });
    const clip = await makeClip({ durationS: 3, aspect: '16:9', shots: [3], audio: true });
    for (const name of ['first', 'second']) {
      const shot = path.join(dir, `${name}.kling.json`);
      fs.writeFileSync(shot, '{ "prompt": "a paper boat" }\n');
      fs.writeFileSync(path.join(renders, `${name}.20260101-100000.mp4`), clip.data);
      const at = '2026-01-01T10:00:00.000Z';
      fs.writeFileSync(
        path.join(renders, `${name}.20260101-100000.take.json`),
        JSON.stringify({
          version: 1,
          id: name,
          shotFile: shot,
          endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
          body: { prompt: `the ${name} boat & its wake` },
          status: 'done',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    const seq = path.join(dir, 'film.kling-seq.json');
    fs.writeFileSync(seq, '{ "shots": [ "first.kling.json", "second.kling.json", "first.kling.json" ] }\n');
    const out = vscode.Uri.file(path.join(dir, 'out', 'film.mp4'));
    const result = await vscode.commands.executeCommand<{ method: string; durationSeconds: number } | undefined>(
      'klingStudio.exportCut',
      vscode.Uri.file(seq),
      out,
    );
    assert.deepEqual(result && { method: result.method, durationSeconds: result.durationSeconds }, { method: 'remux', durationSeconds: 9 });
    assert.ok(fs.statSync(out.fsPath).size > clip.data.length * 2, 'three clips worth of bytes');
    const otio = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'film.otio'), 'utf8'));
    const clips = otio.tracks.children[0].children as { metadata: unknown; media_references: { DEFAULT_MEDIA: { target_url: string } } }[];
    assert.deepEqual(
      clips.map(c => c.metadata),
      ['first', 'second', 'first'].map(n => ({
        kling: { prompt: `the ${n} boat & its wake`, endpoint: 'fal-ai/kling-video/v3/pro/text-to-video', take_id: n },
      })),
    );
    assert.equal(clips[1]!.media_references.DEFAULT_MEDIA.target_url, '../renders/second.20260101-100000.mp4');
    const fcpxml = fs.readFileSync(path.join(dir, 'out', 'film.fcpxml'), 'utf8');
    assert.match(fcpxml, /<fcpxml version="1\.10">/);
    assert.equal(fcpxml.match(/<asset-clip /g)?.length, 3, 'one asset-clip per shot');
    assert.equal(fcpxml.match(/<asset /g)?.length, 2, 'one asset per clip file');
    assert.match(fcpxml, /<media-rep kind="original-media" src="\.\.\/renders\/second\.20260101-100000\.mp4"\/>/);
    assert.match(fcpxml, /<note>the second boat &amp; its wake<\/note>/);
    assert.match(fcpxml, /<md key="com\.klingstudio\.takeId" value="second"\/>/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['film.fcpxml', 'film.mp4', 'film.otio']);
  });
});

// The sequence editor: the webview's intents go through the session as they would from the page.
const SEQUENCE_EDITOR = 'klingStudio.sequenceEditor';
const sequenceEditor = <T>(uri: vscode.Uri, msg?: unknown) =>
  vscode.commands.executeCommand<T>('klingStudio._test.sequenceEditor', uri, msg);
const cfg = () => vscode.workspace.getConfiguration('klingStudio');
const T = vscode.ConfigurationTarget.Workspace;

async function openSequenceEditor(uri: vscode.Uri): Promise<SequenceDocMessage> {
  await vscode.commands.executeCommand('vscode.openWith', uri, SEQUENCE_EDITOR);
  // A webview's first load is slow on a busy 2-core machine (seen over 30 s): a generous wait on the state.
  return waitFor('the sequence editor to show the file', async () => await sequenceEditor<SequenceDocMessage | undefined>(uri), {
    timeoutMs: 90_000,
  });
}

suite('sequence editor', function () {
  this.timeout(120_000);
  let api: KlingStudioApi;
  let sim: Simulator | undefined;
  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate())!;
  });
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    api.generation.setPromptsForTests(undefined);
    delete process.env.FAL_KEY;
    for (const k of ['provider', 'fal.queueUrl', 'fal.storageUrl', 'confirmCostAbove', 'budget.dailyUsd'])
      await cfg().update(k, undefined, T);
    await sim?.close();
  });

  test('a sequence file opens in the sequence editor; Reopen as Text and Reopen in Sequence Editor swap the tab', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'cut.kling-seq.json'));
    const tabsOf = (kind: 'custom' | 'text') =>
      vscode.window.tabGroups.all
        .flatMap(g => g.tabs)
        .filter(t =>
          kind === 'custom'
            ? t.input instanceof vscode.TabInputCustom && t.input.viewType === SEQUENCE_EDITOR && t.input.uri.toString() === uri.toString()
            : t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString(),
        ).length;
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor('the sequence editor by default', () => (tabsOf('custom') === 1 ? true : undefined));
    await vscode.commands.executeCommand('klingStudio.reopenAsText', uri);
    await waitFor('the text editor in its place', () => (tabsOf('text') === 1 && tabsOf('custom') === 0 ? true : undefined));
    await vscode.commands.executeCommand('klingStudio.reopenInSequenceEditor', uri);
    await waitFor('the sequence editor back', () => (tabsOf('custom') === 1 && tabsOf('text') === 0 ? true : undefined));
  });

  test('a reorder is one minimal edit (comments and layout stay) and one undo restores the exact bytes', async () => {
    const dir = path.join(workspaceDir(), 'seq-reorder');
    fs.mkdirSync(dir, { recursive: true });
    for (const s of ['one', 'two', 'three']) fs.writeFileSync(path.join(dir, `${s}.kling.json`), '{ "prompt": "a kite" }\n');
    const file = path.join(dir, 'order.kling-seq.json');
    const text =
      '// cut\n{\n  "shots": [\n    "one.kling.json", // the opening\n    { "shot": "two.kling.json" },\n    "three.kling.json"\n  ]\n}\n';
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const shown = await openSequenceEditor(uri);
    assert.deepEqual(
      shown.entries.map(e => e.shotName),
      ['one.kling.json', 'two.kling.json', 'three.kling.json'],
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await sequenceEditor(uri, { type: 'move', from: 0, to: 2 });
    assert.equal(
      doc.getText(),
      '// cut\n{\n  "shots": [\n    { "shot": "two.kling.json" }, // the opening\n    "three.kling.json",\n    "one.kling.json"\n  ]\n}\n',
    );
    assert.ok(doc.isDirty);
    await waitFor('the editor to show the new order', async () => {
      const m = await sequenceEditor<SequenceDocMessage | undefined>(uri);
      return m?.version === doc.version && m.entries.map(e => e.shotName).join() === 'two.kling.json,three.kling.json,one.kling.json'
        ? true
        : undefined;
    });
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore the bytes', () => (doc.getText() === text ? true : undefined));
    // A move that is no move (stale indexes) edits nothing.
    const version = doc.version;
    await sequenceEditor(uri, { type: 'move', from: 5, to: 0 });
    assert.equal(doc.version, version);
    assert.equal(doc.getText(), text);
  });

  test('the editor follows a text edit made elsewhere and a take being circled', async () => {
    const dir = path.join(workspaceDir(), 'seq-follow');
    const renders = path.join(dir, 'renders');
    fs.mkdirSync(renders, { recursive: true });
    const shot = path.join(dir, 'kite.kling.json');
    fs.writeFileSync(shot, '{ "prompt": "a kite" }\n');
    for (const [stamp, at] of [
      ['20260101-100000', '2026-01-01T10:00:00.000Z'],
      ['20260101-110000', '2026-01-01T11:00:00.000Z'],
    ]) {
      fs.writeFileSync(
        path.join(renders, `kite.${stamp}.take.json`),
        JSON.stringify({
          version: 1,
          id: `kite-${stamp}`,
          shotFile: shot,
          endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
          body: { prompt: 'a kite' },
          status: 'done',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    const uri = vscode.Uri.file(path.join(dir, 'follow.kling-seq.json'));
    fs.writeFileSync(uri.fsPath, '{ "shots": [ "kite.kling.json" ] }\n');
    const shown = await openSequenceEditor(uri);
    assert.deepEqual(
      shown.entries.map(e => e.take?.source),
      ['newest'],
    );
    // Another editor adds a shot: the cards follow the text.
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(doc.getText().indexOf(' ]')), ', "gone.kling.json"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const afterEdit = await waitFor('the new card', async () => {
      const m = await sequenceEditor<SequenceDocMessage | undefined>(uri);
      return m?.entries.length === 2 ? m : undefined;
    });
    assert.equal(afterEdit.entries[1]!.problem?.message, 'Shot file not found: gone.kling.json');
    // The older take circled in the takes panel: the editor follows the in-window news at once.
    // (The output-folder watcher carries circles from outside, `kling takes select`; the shot
    // editor's in-host test covers that path, which this editor shares.)
    const shotUri = vscode.Uri.file(shot);
    await vscode.commands.executeCommand('klingStudio.openTakes', shotUri);
    await waitFor('the takes panel of the shot', () => {
      const m = api.generation.takes.get(shotUri)?.lastMessage;
      return m?.type === 'takes' && m.takes.length === 2 ? true : undefined;
    });
    await api.generation.takes.get(shotUri)!.receive({ type: 'circle', id: 'kite-20260101-100000', circled: true });
    await waitFor('the card to show the circled take', async () => {
      const m = await sequenceEditor<SequenceDocMessage | undefined>(uri);
      return m?.entries[0]?.take?.source === 'selected' ? true : undefined;
    });
  });

  test('Generate missing: the batch is refused as a whole over the budget, else one cost confirmation for the total, one job per shot without a take, the cards follow the takes landing', async () => {
    sim = await testSimulator({ timing: { runners: 2, processingMs: 200, logEveryMs: 100 } });
    process.env.FAL_KEY = 'test-key-id:test-key-secret';
    await cfg().update('provider', 'fal', T);
    await cfg().update('fal.queueUrl', sim.url, T);
    await cfg().update('fal.storageUrl', sim.url, T);
    await cfg().update('confirmCostAbove', 0, T);
    const asked: string[] = [];
    api.generation.setPromptsForTests({
      confirmCost: async summary => (asked.push(summary), true),
      confirmDuplicate: async () => false,
      noKey: async () => undefined,
      simulatorTarget: async () => undefined,
      confirmDelete: async () => false,
      regenerateWhich: async () => undefined,
    });

    const dir = path.join(workspaceDir(), 'seq-missing');
    const renders = path.join(dir, 'renders');
    fs.mkdirSync(renders, { recursive: true });
    for (const s of ['done', 'red', 'blue']) {
      fs.writeFileSync(
        path.join(dir, `${s}.kling.json`),
        `{ "prompt": "a ${s} kite, seq-missing", "duration": "3", "generate_audio": false }\n`,
      );
    }
    const at = '2026-01-01T10:00:00.000Z';
    fs.writeFileSync(
      path.join(renders, 'done.20260101-100000.take.json'),
      JSON.stringify({
        version: 1,
        id: 'seq-done',
        shotFile: path.join(dir, 'done.kling.json'),
        endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
        body: { prompt: 'x' },
        status: 'done',
        createdAt: at,
        updatedAt: at,
        video: { url: 'https://x/done.mp4', durationSeconds: 3 },
      }),
    );
    const uri = vscode.Uri.file(path.join(dir, 'film.kling-seq.json'));
    // blue twice: one job for it, not two.
    fs.writeFileSync(uri.fsPath, '{ "shots": [ "done.kling.json", "red.kling.json", "blue.kling.json", "blue.kling.json" ] }\n');
    const shown = await openSequenceEditor(uri);
    assert.equal(shown.missing, 2);
    assert.deepEqual(
      shown.entries.map(e => e.take?.source ?? e.problem?.severity),
      ['newest', 'info', 'info', 'info'],
    );

    // The batch is counted against the budgets as a whole: one shot ($0.34) would fit, both ($0.67) do not.
    const today = (await api.generation.spend.refresh()).today.usd;
    await cfg().update('budget.dailyUsd', Math.round((today + 0.5) * 100) / 100, T);
    const attempts = sim.stats.submitAttempts;
    const refused = await sequenceEditor<GenerateOutcome | undefined>(uri, { type: 'generateMissing' });
    assert.equal(refused?.declined, 'budget');
    assert.equal(sim.stats.submitAttempts, attempts, 'nothing was submitted');
    assert.deepEqual(asked, [], 'refused before the cost question');
    await cfg().update('budget.dailyUsd', undefined, T);

    const submits = sim.stats.submits;
    const outcome = await sequenceEditor<GenerateOutcome | undefined>(uri, { type: 'generateMissing' });
    assert.deepEqual(asked, ['Generate 2 shots for about $0.67?'], 'one question for the whole batch');
    assert.equal(outcome?.jobs.length, 2);
    assert.deepEqual(outcome!.jobs.map(j => path.basename(j.shotUri.fsPath)).sort(), ['blue.kling.json', 'red.kling.json']);
    const records = await Promise.all(outcome!.jobs.map(j => j.done));
    assert.deepEqual(
      records.map(r => r?.status),
      ['done', 'done'],
    );
    assert.equal(sim.stats.submits, submits + 2, 'two submits');
    // The takes landed in renders/: every card now has a take with its real length, nothing is missing.
    const after = await waitFor('the cards to follow the takes landing', async () => {
      const m = await sequenceEditor<SequenceDocMessage | undefined>(uri);
      return m && m.missing === 0 && m.entries.every(e => e.take && !e.generating) ? m : undefined;
    });
    assert.deepEqual(
      after.entries.map(e => e.take?.durationSeconds),
      [3, 3, 3, 3],
    );
    assert.ok(
      after.entries.every(e => e.take?.clipSrc || e.shotName === 'done.kling.json'),
      'landed clips are previewed',
    );
  });
});
