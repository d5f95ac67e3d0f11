// In-host: the shot editor shows every problem the Problems panel lists (at any number of shots),
// typing is one undo step per pause and never left out of a save or a command that reads the file,
// the editor and text tabs swap in place, Ctrl/Cmd+Enter is contributed for shot files, and the
// settings read per file are resource-scoped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ShotIntent } from '../../src/core/edit';
import { EXTENSION_ID, activeTabInput, closeAllEditors, workspaceDir, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';

const EDITOR_DIAGNOSTICS = 'klingStudio._test.editorDiagnostics';
const PUSH_INTENTS = 'klingStudio._test.pushIntents';
const TYPING_PAUSE = 'klingStudio._test.typingPause';
const SHOT_WHEN = 'activeCustomEditorId == klingStudio.shotEditor || resourceFilename =~ /\\.kling\\.json$/';

async function openInShotEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'klingStudio.shotEditor');
  await waitFor('shot editor tab', () => {
    const i = activeTabInput();
    return i instanceof vscode.TabInputCustom && i.uri.fsPath === uri.fsPath ? i : undefined;
  });
  return vscode.workspace.openTextDocument(uri);
}

/** Kling's problems for the file, as the Problems panel lists them. */
const problems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Kling');

/** Waits until the editor shows the current version with as many problems as the Problems panel. */
async function editorMatchesProblems(doc: vscode.TextDocument): Promise<number> {
  let last = '';
  return waitFor(
    `the shot editor's count to equal the Problems panel's for ${doc.uri.path}`,
    async () => {
      const shown = await vscode.commands.executeCommand<{ version: number; diagnostics: number } | undefined>(EDITOR_DIAGNOSTICS, doc.uri);
      const listed = problems(doc.uri).length;
      last = `editor ${JSON.stringify(shown)}, Problems ${listed}, document v${doc.version}`;
      return shown && shown.version === doc.version && shown.diagnostics === listed ? listed : undefined;
    },
    { explain: () => `last seen: ${last}` },
  );
}

const tabsOf = (uri: vscode.Uri) =>
  vscode.window.tabGroups.all
    .flatMap(g => g.tabs)
    .filter(t => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.toString() === uri.toString());

suite('shot editor fixes', () => {
  teardown(async () => {
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
  });

  test('7 shots: the editor shows every per-shot problem the Problems panel lists', async () => {
    const shots = Array.from({ length: 7 }, (_, i) => ({ prompt: i % 2 ? '' : `shot ${i + 1}`, duration: '2' }));
    const uri = wsUri('seven-shots.kling.json');
    fs.writeFileSync(uri.fsPath, JSON.stringify({ multi_prompt: shots, duration: '14' }, null, 2));
    try {
      const doc = await openInShotEditor(uri);
      const n = await editorMatchesProblems(doc);
      // the shot count, then shots 2, 4 and 6 have no prompt
      assert.equal(
        n,
        4,
        problems(uri)
          .map(d => d.message)
          .join('\n'),
      );
    } finally {
      await closeAllEditors();
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  test("the shot editor offers each problem the fixes the text editor's code actions offer", async () => {
    const uri = wsUri('numeric-duration.kling.json');
    // A V3 storyboard whose total is a number, and a misspelt key: fixes of two kinds.
    fs.writeFileSync(
      uri.fsPath,
      '{\n  "multi_prompt": [\n    { "prompt": "a", "duration": "4" },\n    { "prompt": "b", "duration": "6" }\n  ],\n  "duration": 5,\n  "aspect_ration": "9:16"\n}\n',
    );
    try {
      const doc = await openInShotEditor(uri);
      const count = await editorMatchesProblems(doc);
      const shown = await vscode.commands.executeCommand<{ fixes: string[] } | undefined>(EDITOR_DIAGNOSTICS, uri);
      assert.equal(count, 2, JSON.stringify({ shown, problems: problems(uri).map(d => d.message) }));
      // The text editor beside it: its code actions are what a user gets from the light bulb there.
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      const offered: string[] = [];
      for (const d of problems(uri)) {
        // Each problem is on a line of its own here, so the actions at its range are its own.
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        offered.push(...actions.map(a => `${String(d.code)}: ${a.title}`));
      }
      const sorted = (l: readonly string[]) => [...new Set(l)].sort();
      assert.deepEqual(sorted(shown?.fixes ?? []), sorted(offered));
      assert.ok(shown?.fixes.includes('kling.duration-type: Set duration to "10" (the sum of the shots)'), JSON.stringify(shown?.fixes));
      assert.ok(shown?.fixes.includes('kling.unknown-key: Rename to "aspect_ratio"'), JSON.stringify(shown?.fixes));
    } finally {
      await closeAllEditors();
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  test('every example: the editor count equals the Problems panel count', async () => {
    const names = fs.readdirSync(workspaceDir()).filter(f => f.endsWith('.kling.json'));
    assert.ok(names.length >= 4, names.join(', '));
    for (const name of names) {
      await editorMatchesProblems(await openInShotEditor(wsUri(name)));
    }
  });

  test('typing a word in a prompt, then one undo, removes the whole word', async () => {
    const doc = await openInShotEditor(wsUri('hello.kling.json'));
    const before = doc.getText();
    const prompt = (JSON.parse(before.replace(/^\s*\/\/.*$/gm, '')) as { prompt: string }).prompt;
    const word = ' tonight';
    const keystrokes: ShotIntent[] = [];
    for (let i = 1; i <= word.length; i++) {
      keystrokes.push({ kind: 'set', path: ['prompt'], value: prompt + word.slice(0, i) });
    }
    await waitFor(
      'an open shot editor session',
      async () => (await vscode.commands.executeCommand<boolean>(PUSH_INTENTS, doc.uri, keystrokes)) || undefined,
    );
    await waitFor('the typed word in the document', () => doc.getText().includes(`${prompt}${word}"`) || undefined);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore the text', () => doc.getText() === before || undefined);
    assert.equal(doc.getText(), before);
  });

  test('saving right after typing writes the word that was still waiting for the pause', async () => {
    const doc = await openInShotEditor(wsUri('hello.kling.json'));
    const prompt = (JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as { prompt: string }).prompt;
    const keystrokes: ShotIntent[] = [...' saved'].map((_, i) => ({
      kind: 'set',
      path: ['prompt'],
      value: prompt + ' saved'.slice(0, i + 1),
    }));
    await waitFor(
      'an open shot editor session',
      async () => (await vscode.commands.executeCommand<boolean>(PUSH_INTENTS, doc.uri, keystrokes)) || undefined,
    );
    // Ctrl+S as the user presses it, with the shot editor active.
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the save', () => !doc.isDirty || undefined);
    assert.ok(fs.readFileSync(doc.uri.fsPath, 'utf8').includes(`${prompt} saved"`), 'the file on disk has the word');
    assert.equal(doc.isDirty, false);
    // leave the example as it was for the other tests
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => !doc.getText().includes(' saved"') || undefined);
    await doc.save();
  });

  test('Show Request Body right after typing has the word that was still waiting for the pause', async () => {
    const doc = await openInShotEditor(wsUri('hello.kling.json'));
    const prompt = (JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as { prompt: string }).prompt;
    const keystrokes: ShotIntent[] = [...' aloud'].map((_, i) => ({
      kind: 'set',
      path: ['prompt'],
      value: prompt + ' aloud'.slice(0, i + 1),
    }));
    await waitFor(
      'an open shot editor session',
      async () => (await vscode.commands.executeCommand<boolean>(PUSH_INTENTS, doc.uri, keystrokes)) || undefined,
    );
    // As Ctrl/Cmd+Enter would run Generate: the command reads the file at once, within the pause.
    const body = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('klingStudio.showRequestBody', doc.uri);
    assert.ok(body, 'the request body opened');
    assert.ok(body.getText().includes(`"prompt": "${prompt} aloud"`), body.getText());
  });

  // With a pause of ten minutes and no auto save (a save writes held typing too), these pass only
  // if the held word goes in by the way each names.
  suite('held typing goes in without waiting for the pause', () => {
    const files = () => vscode.workspace.getConfiguration('files');
    let autoSave: string | undefined;
    setup(async () => {
      autoSave = files().inspect<string>('autoSave')?.globalValue;
      await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand(TYPING_PAUSE, 10 * 60_000);
    });
    teardown(async () => {
      await vscode.commands.executeCommand(TYPING_PAUSE);
      await files().update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    });

    async function typeHeld(doc: vscode.TextDocument, word: string): Promise<string> {
      const prompt = (JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as { prompt: string }).prompt;
      const keystrokes: ShotIntent[] = [...word].map((_, i) => ({ kind: 'set', path: ['prompt'], value: prompt + word.slice(0, i + 1) }));
      // Only once the page is up: its first message ("ready") would bring the word in by itself.
      await waitFor(
        'the shot editor page up',
        async () => (await vscode.commands.executeCommand<{ ready: boolean } | undefined>(EDITOR_DIAGNOSTICS, doc.uri))?.ready || undefined,
      );
      await waitFor(
        'an open shot editor session',
        async () => (await vscode.commands.executeCommand<boolean>(PUSH_INTENTS, doc.uri, keystrokes)) || undefined,
      );
      assert.ok(!doc.getText().includes(`${prompt}${word}"`), 'the word is held, not applied');
      return `${prompt}${word}"`;
    }

    test('a change made elsewhere (a text editor) brings it in on top of that change', async () => {
      const doc = await openInShotEditor(wsUri('hello.kling.json'));
      const typed = await typeHeld(doc, ' outside');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), '// a note\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the held word in the document', () => doc.getText().includes(typed) || undefined);
      assert.ok(doc.getText().startsWith('// a note\n'), 'the change from elsewhere stays');
    });

    test('closing the editor brings it in', async () => {
      const doc = await openInShotEditor(wsUri('hello.kling.json'));
      const typed = await typeHeld(doc, ' closing');
      await closeAllEditors();
      // With its last editor closed the document may have been closed too: ask for it again.
      await waitFor(
        'the held word in the document',
        async () => (await vscode.workspace.openTextDocument(doc.uri)).getText().includes(typed) || undefined,
      );
    });
  });

  test('Reopen as Text and Reopen in Shot Editor replace the tab instead of adding one', async () => {
    const uri = wsUri('hello.kling.json');
    await openInShotEditor(uri);
    await vscode.commands.executeCommand('klingStudio.reopenAsText');
    await waitFor('a text tab', () => tabsOf(uri).some(t => t.input instanceof vscode.TabInputText) || undefined);
    await waitFor('the shot editor tab to close', () => !tabsOf(uri).some(t => t.input instanceof vscode.TabInputCustom) || undefined);
    assert.equal(tabsOf(uri).length, 1);
    await vscode.commands.executeCommand('klingStudio.reopenInShotEditor');
    await waitFor('a shot editor tab', () => tabsOf(uri).some(t => t.input instanceof vscode.TabInputCustom) || undefined);
    await waitFor('the text tab to close', () => !tabsOf(uri).some(t => t.input instanceof vscode.TabInputText) || undefined);
    assert.equal(tabsOf(uri).length, 1);
  });

  test('Ctrl/Cmd+Enter runs Generate on shot files, in the shot editor and the text editor', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { keybindings?: { command: string; key: string; mac?: string; when?: string }[] };
    };
    const binding = pkg.contributes.keybindings?.find(k => k.command === 'klingStudio.generate');
    assert.deepEqual(binding, { command: 'klingStudio.generate', key: 'ctrl+enter', mac: 'cmd+enter', when: SHOT_WHEN });
    assert.ok((await vscode.commands.getCommands(true)).includes('klingStudio.generate'), 'the command it runs is registered');
  });

  test('settings read for a file are resource-scoped, so reading them with its Uri is right', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const props = pkg.contributes.configuration.properties;
    for (const key of ['klingStudio.output.folder', 'klingStudio.takes.openOnLand']) {
      assert.equal(props[key]?.scope, 'resource', key);
    }
    const uri = wsUri('hello.kling.json');
    const inspected = vscode.workspace.getConfiguration('klingStudio', uri).inspect<boolean>('takes.openOnLand');
    assert.equal(inspected?.defaultValue, true);
  });
});
