// The cast editor in the extension host: opening a cast file shows its members (thumbnail, voice,
// the shots using them); the page's intents (add from images, remove) edit the document with the
// smallest edits, one undo step each.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CastDocMessage } from '../../src/shared/cast-messages';
import { closeAllEditors, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';

const castEditor = <T>(uri: vscode.Uri, msg?: unknown) => vscode.commands.executeCommand<T>('klingStudio._test.castEditor', uri, msg);

suite('cast editor', function () {
  this.timeout(120_000);
  teardown(closeAllEditors);

  test('shows members with the shots using them; add from images and remove edit the document', async () => {
    fs.mkdirSync(wsUri('cast-editor-ws', 'shots').fsPath, { recursive: true });
    const uri = wsUri('cast-editor-ws', 'crew.kling-cast.json');
    const text =
      '{\n  // the crew\n  "members": {\n    "Hero": { "frontal_image_url": "../refs/hero-front.png", "reference_image_urls": ["../refs/hero-side.png"] }\n  }\n}\n';
    fs.writeFileSync(uri.fsPath, text);
    const shot = wsUri('cast-editor-ws', 'shots', 'a.kling.json');
    fs.writeFileSync(shot.fsPath, '{ "cast": ["Hero"], "prompt": "@Hero walks" }\n');

    await vscode.commands.executeCommand('vscode.openWith', uri, 'klingStudio.castEditor');
    // A webview's first load is slow on a busy 2-core machine: a generous wait on the state.
    const first = await waitFor(
      'the cast editor to show the members with their thumbnails and shots',
      async () => {
        const m = await castEditor<CastDocMessage | undefined>(uri);
        return m?.members[0]?.thumb && m.members[0].usedIn.length ? m : undefined;
      },
      { timeoutMs: 90_000 },
    );
    assert.equal(first.members[0]!.name, 'Hero');
    assert.equal(first.members[0]!.thumb!.kind, 'image');
    assert.deepEqual(
      first.members[0]!.usedIn.map(u => u.file),
      [shot.fsPath],
    );

    // A shot made through the workspace joins "Used in".
    const b = wsUri('cast-editor-ws', 'shots', 'b.kling.json');
    const create = new vscode.WorkspaceEdit();
    create.createFile(b, { contents: Buffer.from('{ "cast": ["Hero"], "prompt": "@Hero sits" }\n') });
    assert.equal(await vscode.workspace.applyEdit(create), true);
    await waitFor('the new shot in Used in', async () =>
      (await castEditor<CastDocMessage | undefined>(uri))?.members[0]?.usedIn.length === 2 ? true : undefined,
    );

    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(
      await castEditor(uri, { type: 'addMember', name: 'Lamp', images: ['../refs/lamp-front.png', '../refs/lamp-side.png'] }),
      true,
    );
    assert.match(doc.getText(), /"Lamp": \{/);
    assert.ok(doc.getText().startsWith('{\n  // the crew\n  "members": {\n    "Hero":'), 'the rest of the file is kept');
    await waitFor('the new member on the page', async () =>
      (await castEditor<CastDocMessage | undefined>(uri))?.members.some(m => m.name === 'Lamp') ? true : undefined,
    );
    // A taken name is refused on the page and changes nothing.
    const before = doc.getText();
    assert.equal(await castEditor(uri, { type: 'addMember', name: 'Hero', images: ['a.png', 'b.png'] }), false);
    assert.equal(doc.getText(), before);

    assert.equal(await castEditor(uri, { type: 'removeMember', name: 'Lamp' }), true);
    assert.equal(doc.getText(), text);
  });

  test('Add Members from the Cast appends the picked members to a shot\'s "cast" as one edit', async () => {
    fs.mkdirSync(wsUri('cast-add-ws').fsPath, { recursive: true });
    fs.writeFileSync(
      wsUri('cast-add-ws', 'crew.kling-cast.json').fsPath,
      '{ "members": { "Hero": { "video_url": "h.mp4" }, "Lamp": { "video_url": "l.mp4" } } }',
    );
    const shot = wsUri('cast-add-ws', 's.kling.json');
    const text = '{\n  "prompt": "@Hero and @Lamp" // both\n}\n';
    fs.writeFileSync(shot.fsPath, text);
    const doc = await vscode.workspace.openTextDocument(shot);
    assert.equal(await vscode.commands.executeCommand('klingStudio.addCastMembers', shot, ['Hero', 'Lamp']), true);
    assert.equal(doc.getText(), '{\n  "prompt": "@Hero and @Lamp", // both\n  "cast": [\n    "Hero",\n    "Lamp"\n  ]\n}\n');
    // A name no cast file of the shot defines is refused.
    assert.equal(await vscode.commands.executeCommand('klingStudio.addCastMembers', shot, ['Ghost']), false);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), text);
  });
});
