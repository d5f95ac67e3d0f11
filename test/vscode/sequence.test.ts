import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeClip } from '../../src/simulator';
import { closeAllEditors, waitFor, workspaceDir } from './helpers';

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

  test('joins the takes of a sequence into an MP4 and an .otio beside it', async () => {
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
          body: {},
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
    assert.equal(otio.tracks.children[0].children.length, 3);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['film.mp4', 'film.otio']);
  });
});
