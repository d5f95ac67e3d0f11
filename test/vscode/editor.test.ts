// The shot editor inside a real extension host: an intent applied host-side (through the same
// session and queue the webview uses) produces the expected text, and undo restores it byte for byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { applyIntent, type ShotIntent } from '../../src/core/edit';
import { activeTabInput, closeAllEditors, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';

const APPLY = 'klingStudio._test.applyIntent';

async function openInShotEditor(name: string, text?: string): Promise<vscode.TextDocument> {
  const uri = wsUri(name);
  if (text !== undefined) {
    fs.writeFileSync(uri.fsPath, text);
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, 'klingStudio.shotEditor');
  await waitFor('shot editor tab', () => {
    const i = activeTabInput();
    return i instanceof vscode.TabInputCustom && i.uri.fsPath === uri.fsPath ? i : undefined;
  });
  return vscode.workspace.openTextDocument(uri);
}

async function apply(doc: vscode.TextDocument, intent: ShotIntent): Promise<void> {
  // The session may still be resolving right after the tab appears: retry until it exists.
  await waitFor(
    'an open shot editor session',
    async () => (await vscode.commands.executeCommand<boolean>(APPLY, doc.uri, intent)) || undefined,
  );
}

suite('shot editor', () => {
  teardown(async () => {
    // Leave the copied examples as they were for the other suites: revert every edited document.
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
  });

  test('an intent is applied as the minimal edit core/edit computes, and undo restores the bytes', async () => {
    const doc = await openInShotEditor('storyboard.kling.json');
    const before = doc.getText();
    const intent: ShotIntent = { kind: 'resizeShots', index: 0, delta: -1 };
    await apply(doc, intent);
    assert.equal(doc.getText(), applyIntent(before, intent).text);
    assert.match(doc.getText(), /"duration": "3" \},\n {4}\{ "prompt": "Medium shot[^\n]*"duration": "4" \}/);
    assert.equal(doc.isDirty, true);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the text', () => doc.getText() === before || undefined);
    assert.equal(doc.getText(), before);
  });

  test('a burst of field edits, a structural edit and undo of each, on a CRLF + tabs file with comments', async () => {
    const text = '{\r\n\t// keep me\r\n\t"prompt": "a fox",\r\n\t"zz_custom": {"a": 1},\r\n\t"duration": "5"\r\n}\r\n';
    const doc = await openInShotEditor('crlf-tabs.kling.json', text);
    await apply(doc, { kind: 'set', path: ['aspect_ratio'], value: '9:16' });
    assert.equal(
      doc.getText(),
      '{\r\n\t// keep me\r\n\t"prompt": "a fox",\r\n\t"zz_custom": {"a": 1},\r\n\t"duration": "5",\r\n\t"aspect_ratio": "9:16"\r\n}\r\n',
    );
    const afterSet = doc.getText();
    await apply(doc, { kind: 'setMode', mode: 'storyboard' });
    assert.match(doc.getText(), /\t"multi_prompt": \[\r\n\t\t\{\r\n\t\t\t"prompt": "a fox",\r\n\t\t\t"duration": "5"\r\n\t\t\}\r\n\t\],/);
    assert.ok(!/[^\r]\n/.test(doc.getText()), 'still CRLF only');
    await vscode.commands.executeCommand('undo');
    await waitFor('undo of the mode switch', () => doc.getText() === afterSet || undefined);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo of the aspect ratio', () => doc.getText() === text || undefined);
    assert.equal(doc.getText(), text);
  });

  test('an edit that cannot be made leaves the file untouched', async () => {
    const doc = await openInShotEditor('storyboard.kling.json');
    const before = doc.getText();
    await apply(doc, { kind: 'removeShot', index: 9 });
    assert.equal(doc.getText(), before);
    assert.equal(doc.isDirty, false);
  });

  test('the text editor beside the shot editor sees each edit; an edit typed there reaches the model the next intent uses', async () => {
    const doc = await openInShotEditor('hello.kling.json');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const editor = vscode.window.activeTextEditor!;
    await editor.edit(b => b.insert(doc.positionAt(doc.getText().indexOf('"duration"')), '"zz_typed": 1,\n  '));
    await apply(doc, { kind: 'set', path: ['duration'], value: '8' });
    assert.match(doc.getText(), /"zz_typed": 1,\n {2}"duration": "8"/);
  });
});
