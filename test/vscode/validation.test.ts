import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, workspaceDir, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';
import type { ShotAnalysisService } from '../../src/extension/analysis/shot-analysis-service';

function klingDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Kling');
}
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function applyFix(uri: vscode.Uri, diag: vscode.Diagnostic, titlePattern: RegExp): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diag.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const action = actions.find(a => titlePattern.test(a.title));
  assert.ok(action, `no quick fix matching ${titlePattern} among: ${actions.map(a => a.title).join(' | ')}`);
  assert.ok(action.edit, 'the quick fix carries an edit');
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

suite('validation in VS Code', () => {
  teardown(closeAllEditors);

  test('Problems shows the expected diagnostics at the right ranges for a broken file', async () => {
    const file = path.join(workspaceDir(), 'broken-validation.kling.json');
    fs.writeFileSync(
      file,
      [
        '{',
        '  // prompt and storyboard at once, a number duration and a typo',
        '  "prompt": "a fox",',
        '  "duration": 5,',
        '  "aspect_ration": "16:9"',
        '}',
        '',
      ].join('\n'),
    );
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    const diags = await waitFor('Kling diagnostics', () => {
      const d = klingDiagnostics(uri);
      return d.length >= 2 ? d : undefined;
    });
    const duration = diags.find(d => codeOf(d) === 'kling.duration-type');
    assert.ok(duration, `a duration-type error, got ${diags.map(codeOf).join(', ')}`);
    assert.equal(duration.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([duration.range.start.line, duration.range.start.character, duration.range.end.character], [3, 14, 15]);
    const typo = diags.find(d => codeOf(d) === 'kling.unknown-key');
    assert.ok(typo, 'an unknown-key warning');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(typo.message, /aspect_ratio/);
    assert.equal(typo.range.start.line, 4);
  });

  test('quick fixes applied through executeCodeActionProvider + applyEdit make the file clean', async () => {
    const uri = wsUri('fixable.kling.json');
    fs.writeFileSync(uri.fsPath, '{\n  "prompt": "a fox in the snow",\n  "duration": 5,\n  "aspect_ration": "9:16"\n}\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    for (const [code, title] of [
      ['kling.duration-type', /string/i],
      ['kling.unknown-key', /aspect_ratio/],
    ] as const) {
      const diag = await waitFor(code, () => klingDiagnostics(uri).find(d => codeOf(d) === code));
      await applyFix(uri, diag, title);
    }
    await waitFor('no Kling diagnostics', () => klingDiagnostics(uri).length === 0 || undefined);
    assert.match(doc.getText(), /"duration": "5"/);
    assert.match(doc.getText(), /"aspect_ratio": "9:16"/);
  });

  test('a storyboard whose shots do not sum is fixed by "set duration to the sum"', async () => {
    const uri = wsUri('storyboard-fix.kling.json');
    fs.writeFileSync(
      uri.fsPath,
      JSON.stringify(
        {
          multi_prompt: [
            { prompt: 'one', duration: '3' },
            { prompt: 'two', duration: '4' },
          ],
          duration: '5',
          shot_type: 'customize',
        },
        null,
        2,
      ),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const diag = await waitFor('shot sum diagnostic', () => klingDiagnostics(uri).find(d => /sum/i.test(String(codeOf(d)))));
    await applyFix(uri, diag, /sum|7/);
    await waitFor('clean', () => klingDiagnostics(uri).length === 0 || undefined);
    assert.equal(JSON.parse(doc.getText()).duration, '7');
  });

  test('hovering a key shows its description and default', async () => {
    const uri = wsUri('hover.kling.json');
    fs.writeFileSync(uri.fsPath, '{\n  "prompt": "x",\n  "aspect_ratio": "16:9"\n}\n');
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 5));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /16:9/);
    assert.match(text, /9:16/);
    // One hover source: VS Code's JSON support does not add a second copy of the text.
    assert.equal(hovers.length, 1);
  });

  test("completion offers the missing keys with defaults and a field's allowed values, from Kling alone", async () => {
    const uri = wsUri('complete.kling.json');
    fs.writeFileSync(uri.fsPath, '{\n  "prompt": "x",\n  "aspect_ratio": "",\n  \n}\n');
    await vscode.workspace.openTextDocument(uri);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(3, 2),
    );
    const labels = keys.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['duration', 'generate_audio', 'cfg_scale', 'endpoint']) assert.ok(labels.includes(k), `${k} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('prompt') && !labels.includes('aspect_ratio'), 'keys already present are not offered');
    const duration = keys.items.find(i => i.label === 'duration')!;
    assert.match((duration.insertText as vscode.SnippetString).value, /"duration": "\$\{1\|5,3,4/);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(2, 19),
    );
    assert.deepEqual(
      values.items.map(i => i.label),
      ['"16:9"', '"9:16"', '"1:1"'],
    );
  });
});

suite('one source of problems', () => {
  teardown(closeAllEditors);

  test("shot files are language kling-shot, so VS Code's JSON support leaves them alone", async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('hello.kling.json'));
    assert.equal(doc.languageId, 'kling-shot');
  });

  test('for every example and every file of the invalid corpus, Problems lists exactly what Kling computed', async () => {
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { analyses: ShotAnalysisService };
    const corpus = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'invalid');
    const target = path.join(workspaceDir(), 'invalid');
    fs.cpSync(corpus, target, { recursive: true });
    const files = [
      ...fs.readdirSync(workspaceDir()).filter(f => f.endsWith('.kling.json')),
      ...fs.readdirSync(target).map(f => path.join('invalid', f)),
    ].filter(f => f.endsWith('.kling.json'));
    assert.ok(files.length >= 15, `a corpus, not a sample: ${files.length} files`);
    // In editors, not just open: VS Code's JSON support pulls diagnostics for documents in tabs.
    const docs: vscode.TextDocument[] = [];
    for (const f of files) docs.push((await vscode.window.showTextDocument(wsUri(f), { preview: false })).document);
    const json = vscode.extensions.getExtension('vscode.json-language-features');
    assert.ok(json, "VS Code's JSON support is installed, so the test can see it add problems");
    // A barrier instead of a sleep: a plain JSON file with an error gets its JSON diagnostic only
    // once VS Code's JSON server has run on the documents opened before it.
    const control = wsUri('control.json');
    fs.writeFileSync(control.fsPath, '{ "a": 1 "b": 2 }');
    await vscode.window.showTextDocument(control, { preview: false });
    await waitFor("VS Code's JSON diagnostics on the control file", () => vscode.languages.getDiagnostics(control).length > 0 || undefined);
    let withProblems = 0;
    for (const doc of docs) {
      const kling = (await api.analyses.getComplete(doc)).diagnostics;
      const shown = await waitFor(`Problems for ${path.basename(doc.uri.fsPath)} to match Kling's ${kling.length}`, () => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.length === kling.length || d.some(x => x.source !== 'Kling') ? d : undefined;
      });
      assert.deepEqual(
        shown.filter(d => d.source !== 'Kling').map(d => `${d.source}: ${d.message}`),
        [],
        doc.uri.fsPath,
      );
      assert.deepEqual(shown.map(d => codeOf(d)).sort(), kling.map(d => d.code).sort());
      if (kling.length > 0) withProblems++;
    }
    assert.ok(withProblems >= 10, `the invalid corpus has problems (${withProblems} files)`);
    await closeAllEditors();
    fs.rmSync(target, { recursive: true, force: true });
    fs.rmSync(control.fsPath, { force: true });
  });
});
