import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeTabInput, closeAllEditors, workspaceDir, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';

suite('foundation', () => {
  teardown(closeAllEditors);

  test('the extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('klingStudio.reopenAsText'), 'klingStudio.reopenAsText is registered');
  });

  test('the test hooks exist because the host runs this suite in ExtensionMode.Test', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const api = (await ext.activate()) as { generation?: { setPromptsForTests?: unknown } } | undefined;
    assert.equal(typeof api?.generation?.setPromptsForTests, 'function', 'activate() returned the test hooks');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('klingStudio._test.applyIntent'), 'the hidden test command is registered');
    // Outside ExtensionMode.Test activate() returns nothing and registers no test command.
  });

  test('every example opens in the shot editor (custom editor, viewType klingStudio.shotEditor)', async () => {
    const shots = fs.readdirSync(workspaceDir()).filter(f => f.endsWith('.kling.json'));
    assert.ok(shots.length >= 4, `expected the examples in the workspace, found ${shots.join(', ')}`);
    for (const name of shots) {
      await vscode.commands.executeCommand('vscode.open', wsUri(name));
      const input = await waitFor(`custom editor tab for ${name}`, () => {
        const i = activeTabInput();
        return i instanceof vscode.TabInputCustom && i.uri.fsPath === wsUri(name).fsPath ? i : undefined;
      });
      assert.equal(input.viewType, 'klingStudio.shotEditor');
    }
  });

  test('*.kling.json files are language kling-shot (JSON with comments, validated by Kling only)', async () => {
    const name = fs.readdirSync(workspaceDir()).find(f => f.endsWith('.kling.json'))!;
    const doc = await vscode.workspace.openTextDocument(wsUri(name));
    assert.equal(doc.languageId, 'kling-shot');
  });

  test('"Reopen as Text" replaces the custom editor with a text editor on the same file', async () => {
    const name = fs.readdirSync(workspaceDir()).find(f => f.endsWith('.kling.json'))!;
    const uri = wsUri(name);
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor('custom editor', () => activeTabInput() instanceof vscode.TabInputCustom || undefined);
    await vscode.commands.executeCommand('klingStudio.reopenAsText');
    const input = await waitFor('text editor tab', () => {
      const i = activeTabInput();
      return i instanceof vscode.TabInputText ? i : undefined;
    });
    assert.equal(input.uri.fsPath, uri.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
  });

  test('a deliberately failing test fails the run (only with KLING_TEST_FAIL=1)', () => {
    assert.notEqual(process.env.KLING_TEST_FAIL, '1', 'KLING_TEST_FAIL=1 makes this test fail on purpose');
  });
});
