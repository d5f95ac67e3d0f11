// A cast in the extension host: a shot's unknown member is a problem at its `cast` entry, a hover
// on @Name shows the member, completion offers member names after @, and an unsaved edit of the
// cast file is what the shot is checked against.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, wsUri } from './helpers';
import { waitFor } from '../kit/wait-for';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const castProblems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => String(codeOf(d)).startsWith('kling.cast'));

suite('cast in VS Code', () => {
  teardown(closeAllEditors);

  test('unknown member at its cast entry, hover and completion of members, an unsaved cast edit counts', async () => {
    fs.mkdirSync(wsUri('cast-ws', 'shots').fsPath, { recursive: true });
    const castUri = wsUri('cast-ws', 'people.kling-cast.json');
    fs.writeFileSync(
      castUri.fsPath,
      '{\n  "members": {\n    "Mara": { "description": "a sailor in yellow", "frontal_image_url": "../refs/hero-front.png", "reference_image_urls": ["../refs/hero-side.png"] }\n  }\n}\n',
    );
    const shot = wsUri('cast-ws', 'shots', 's.kling.json');
    fs.writeFileSync(
      shot.fsPath,
      '{\n  "start_image_url": "../../refs/hero-start.png",\n  "cast": ["Mara", "Nobody"],\n  "prompt": "@Mara waves at @"\n}\n',
    );
    await vscode.workspace.openTextDocument(shot);
    const unknown = await waitFor('the unknown member problem', () => castProblems(shot).find(d => codeOf(d) === 'kling.cast-unknown'));
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.character], [2, 19, 27]);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shot, new vscode.Position(3, 14));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /a sailor in yellow/);
    assert.match(text, /hero-front\.png/);

    const items = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      shot,
      new vscode.Position(3, 28),
      '@',
    );
    assert.ok(
      items.items.some(i => i.label === 'Mara'),
      items.items.map(i => i.label).join(', '),
    );

    // Nobody defined in the open cast file, unsaved: the shot's problem goes.
    const castDoc = await vscode.workspace.openTextDocument(castUri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(castUri, new vscode.Position(2, 4), '"Nobody": { "video_url": "n.mp4" },\n    ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.ok(castDoc.isDirty);
    await waitFor('the unknown member problem gone', () =>
      castProblems(shot).some(d => codeOf(d) === 'kling.cast-unknown') ? undefined : true,
    );
  });

  test('Show Request Body shows the built body: own elements first, members in cast order, @ElementN, voices', async () => {
    fs.mkdirSync(wsUri('cast-body').fsPath, { recursive: true });
    fs.writeFileSync(
      wsUri('cast-body', 'crew.kling-cast.json').fsPath,
      JSON.stringify({
        members: {
          Mara: {
            frontal_image_url: '../refs/hero-front.png',
            reference_image_urls: ['../refs/hero-side.png'],
            voice_url: '../refs/dance.mp4',
          },
          Lamp: { frontal_image_url: '../refs/lamp-front.png', reference_image_urls: ['../refs/lamp-side.png'], voice_id: 'v-lamp' },
        },
      }),
    );
    const shot = wsUri('cast-body', 'b.kling.json');
    fs.writeFileSync(
      shot.fsPath,
      JSON.stringify({
        endpoint: 'image-to-video',
        start_image_url: '../refs/hero-start.png',
        elements: [{ frontal_image_url: '../refs/face-front.png', reference_image_urls: ['../refs/hero-side.png'] }],
        cast: ['Lamp', 'Mara'],
        prompt: '@Element1 hands @Lamp to @Mara',
        duration: '5',
      }),
    );
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('klingStudio.showRequestBody', shot);
    assert.ok(doc);
    const text = doc.getText();
    const body = JSON.parse(text.replace(/^\/\/.*$/gm, '')) as { prompt: string; cast?: unknown; elements: Record<string, unknown>[] };
    assert.equal(body.prompt, '@Element1 hands @Element2 to @Element3');
    assert.equal(body.cast, undefined);
    assert.deepEqual(
      body.elements.map(e => [String(e.frontal_image_url).match(/[\w-]+\.png/)?.[0], e.voice_id]),
      [
        ['face-front.png', undefined],
        ['lamp-front.png', 'v-lamp'],
        ['hero-front.png', undefined],
      ],
    );
    assert.match(text, /Voice of Mara: made from its sample first on Generate/);
  });
});
