import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
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
