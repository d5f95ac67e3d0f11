// Renaming a cast member in the extension host: the command edits the cast file and every shot
// that resolves to it (cast entries and @Name in prompts) as one undoable edit; a shot that sees
// another cast is left alone; F2 on the key does the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, wsUri } from './helpers';

suite('cast member rename', () => {
  teardown(closeAllEditors);

  test('renames the key and every shot using it in one edit, and one undo puts all back', async () => {
    fs.mkdirSync(wsUri('rename-ws', 'shots', 'deep').fsPath, { recursive: true });
    fs.mkdirSync(wsUri('rename-ws', 'other').fsPath, { recursive: true });
    const castUri = wsUri('rename-ws', 'crew.kling-cast.json');
    const castText =
      '{\n  // crew\n  "members": {\n    "Mara": { "video_url": "m.mp4" },\n    "Mara2": { "video_url": "m2.mp4" }\n  }\n}\n';
    fs.writeFileSync(castUri.fsPath, castText);
    // A nearer cast file that defines Mara too: that shot's Mara is a duplicate, not this member.
    fs.writeFileSync(wsUri('rename-ws', 'other', 'own.kling-cast.json').fsPath, '{ "members": { "Lamp": { "video_url": "l.mp4" } } }');
    const a = wsUri('rename-ws', 'shots', 'a.kling.json');
    const b = wsUri('rename-ws', 'shots', 'deep', 'b.kling.json');
    const c = wsUri('rename-ws', 'other', 'c.kling.json');
    const aText = '{\n  "cast": ["Mara", "Mara2"],\n  "prompt": "@Mara meets @Mara2" // hi\n}\n';
    const bText = '{ "cast": ["Mara"], "multi_prompt": [{ "prompt": "@Mara rows", "duration": "5" }] }\n';
    const cText = '{ "cast": ["Lamp"], "prompt": "@Lamp glows" }\n';
    fs.writeFileSync(a.fsPath, aText);
    fs.writeFileSync(b.fsPath, bText);
    fs.writeFileSync(c.fsPath, cText);
    const castDoc = await vscode.workspace.openTextDocument(castUri);
    await vscode.window.showTextDocument(castDoc);

    assert.equal(await vscode.commands.executeCommand('klingStudio.renameCastMember', castUri, 'Mara', 'Skipper'), true);
    const text = async (u: vscode.Uri) => (await vscode.workspace.openTextDocument(u)).getText();
    assert.equal(await text(castUri), castText.replace('"Mara":', '"Skipper":'));
    assert.equal(await text(a), '{\n  "cast": ["Skipper", "Mara2"],\n  "prompt": "@Skipper meets @Mara2" // hi\n}\n');
    assert.equal(await text(b), '{ "cast": ["Skipper"], "multi_prompt": [{ "prompt": "@Skipper rows", "duration": "5" }] }\n');
    assert.equal(await text(c), cText);

    // A taken or ill-formed name changes nothing.
    assert.equal(await vscode.commands.executeCommand('klingStudio.renameCastMember', castUri, 'Skipper', 'Mara2'), false);
    assert.equal(await vscode.commands.executeCommand('klingStudio.renameCastMember', castUri, 'Skipper', 'Element1'), false);
    assert.equal(await text(a), '{\n  "cast": ["Skipper", "Mara2"],\n  "prompt": "@Skipper meets @Mara2" // hi\n}\n');

    // One undo (from the cast file's editor) restores every file: it was one workspace edit.
    await vscode.window.showTextDocument(castDoc);
    await vscode.commands.executeCommand('undo');
    assert.equal(await text(castUri), castText);
    assert.equal(await text(a), aText);
    assert.equal(await text(b), bText);

    // F2 on the key: the rename provider gives the same edit.
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      castUri,
      new vscode.Position(3, 6),
      'Skipper',
    );
    assert.deepEqual(
      edit
        .entries()
        .map(([u]) => u.fsPath)
        .sort(),
      [a.fsPath, b.fsPath, castUri.fsPath].sort(),
    );
  });
});
