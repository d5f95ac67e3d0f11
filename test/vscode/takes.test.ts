// In-host: the circled take. Circling in the takes panel writes the sidecar beside the records,
// and a panel opened afresh (as after a reload) reads the same choice back from disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TakeRecord } from '../../src/takes';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { TakeView } from '../../src/shared/takes-messages';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

let api: KlingStudioApi;

function doneTake(
  shot: vscode.Uri,
  stamp: string,
  id: string,
  createdAt: string,
  body: Record<string, unknown> = { prompt: 'a paper boat' },
): string {
  const renders = path.join(workspaceDir(), 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const base = path.join(renders, `${path.basename(shot.fsPath, '.kling.json')}.${stamp}`);
  fs.writeFileSync(`${base}.mp4`, 'not really a clip');
  const rec: TakeRecord = {
    version: 1,
    id,
    shotFile: shot.fsPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body,
    requestId: `req-${id}`,
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    clipPath: `${base}.mp4`,
  };
  fs.writeFileSync(`${base}.take.json`, JSON.stringify(rec));
  return `${base}.take.json`;
}

async function takesShown(uri: vscode.Uri, ok: (takes: TakeView[]) => boolean): Promise<TakeView[]> {
  return waitFor('the takes panel', () => {
    const m = api.generation.takes.get(uri)?.lastMessage;
    return m?.type === 'takes' && ok(m.takes) ? m.takes : undefined;
  });
}

suite('takes', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
  });
  teardown(closeAllEditors);

  test('a circled take survives closing and reopening the panel; circling another moves it', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'circle.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(uri, '20260101-100000', 'circle-a', '2026-01-01T10:00:00.000Z');
    const b = doneTake(uri, '20260101-110000', 'circle-b', '2026-01-01T11:00:00.000Z');
    const sidecar = path.join(workspaceDir(), 'renders', 'circle.selection.json');
    fs.rmSync(sidecar, { force: true });

    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    await takesShown(uri, t => t.length === 2 && t.every(x => !x.circled));
    await api.generation.takes.get(uri)!.receive({ type: 'circle', id: 'circle-b', circled: true });
    await takesShown(uri, t => t.find(x => x.id === 'circle-b')?.circled === true);
    assert.deepEqual(JSON.parse(fs.readFileSync(sidecar, 'utf8')), { version: 1, take: path.basename(b) });

    await closeAllEditors();
    await waitFor('the panel closed', () => (api.generation.takes.get(uri) ? undefined : true));
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    const reopened = await takesShown(uri, t => t.length === 2);
    assert.deepEqual(
      reopened.map(t => [t.id, !!t.circled]),
      [
        ['circle-b', true],
        ['circle-a', false],
      ],
    );

    await api.generation.takes.get(uri)!.receive({ type: 'circle', id: 'circle-a', circled: true });
    const moved = await takesShown(uri, t => t.find(x => x.id === 'circle-a')?.circled === true);
    assert.equal(moved.find(x => x.id === 'circle-b')?.circled, false, 'at most one circled take per shot');
    await api.generation.takes.get(uri)!.receive({ type: 'circle', id: 'circle-a', circled: false });
    await takesShown(uri, t => t.every(x => !x.circled));
    assert.equal(fs.existsSync(sidecar), false);
  });

  test("Use These Settings: one edit of the document with the take's request; one undo brings back the exact bytes", async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'restore.kling.json'));
    const original =
      '{\r\n\t// the boat shot\r\n\t"prompt": "a paper boat at dusk", // short\r\n\t"duration": "10",\r\n\t"negative_prompt": "blur"\r\n}\r\n';
    fs.writeFileSync(uri.fsPath, original);
    doneTake(uri, '20260102-100000', 'restore-a', '2026-01-02T10:00:00.000Z', {
      prompt: 'a paper boat at dawn',
      duration: '5',
      cfg_scale: 0.7,
    });
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    await takesShown(uri, t => t.length === 1);
    const doc = await vscode.workspace.openTextDocument(uri);
    await api.generation.takes.get(uri)!.receive({ type: 'useSettings', id: 'restore-a' });
    const restored = await waitFor('the restored text', () => (doc.getText() !== original ? doc.getText() : undefined));
    assert.equal(
      restored,
      '{\r\n\t// the boat shot\r\n\t"prompt": "a paper boat at dawn", // short\r\n\t"duration": "5",\r\n\t"cfg_scale": 0.7\r\n}\r\n',
    );
    assert.equal(doc.isDirty, true, 'an edit of the document, not a write behind its back');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => (doc.getText() === original ? true : undefined));
    assert.equal(doc.getText(), original);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Regenerate This Take asks first when the file differs from the take, and a cancel changes nothing', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'regen.kling.json'));
    const original = '{ "prompt": "a red kite" }\n';
    fs.writeFileSync(uri.fsPath, original);
    doneTake(uri, '20260103-100000', 'regen-a', '2026-01-03T10:00:00.000Z', { prompt: 'a blue kite' });
    const asked: string[] = [];
    api.generation.setPromptsForTests({
      confirmCost: async () => false,
      confirmDuplicate: async () => false,
      noKey: async () => undefined,
      simulatorTarget: async () => undefined,
      confirmDelete: async () => false,
      regenerateWhich: async name => {
        asked.push(name);
        return undefined;
      },
    });
    try {
      await vscode.commands.executeCommand('klingStudio.openTakes', uri);
      await takesShown(uri, t => t.length === 1);
      await api.generation.takes.get(uri)!.receive({ type: 'regenerateTake', id: 'regen-a' });
      assert.deepEqual(asked, ['regen.kling.json']);
      assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), original);
      assert.equal(api.generation.service.runningFor(uri).length, 0, 'nothing was generated');
    } finally {
      api.generation.setPromptsForTests(undefined);
    }
  });

  test('Move to Trash: the clip and its record leave the output folder, the circle with them; nothing else is touched', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'trash.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    const keep = doneTake(uri, '20260104-100000', 'trash-keep', '2026-01-04T10:00:00.000Z');
    const gone = doneTake(uri, '20260104-110000', 'trash-gone', '2026-01-04T11:00:00.000Z');
    const asked: string[] = [];
    api.generation.setPromptsForTests({
      confirmCost: async () => false,
      confirmDuplicate: async () => false,
      noKey: async () => undefined,
      simulatorTarget: async () => undefined,
      confirmDelete: async what => {
        asked.push(what);
        return true;
      },
      regenerateWhich: async () => undefined,
    });
    try {
      await vscode.commands.executeCommand('klingStudio.openTakes', uri);
      await takesShown(uri, t => t.length === 2);
      const panel = api.generation.takes.get(uri)!;
      await panel.receive({ type: 'circle', id: 'trash-gone', circled: true });
      await panel.receive({ type: 'delete', id: 'trash-gone' });
      assert.equal(asked.length, 1, 'asked once');
      assert.equal(fs.existsSync(gone), false, 'the record left the folder');
      assert.equal(fs.existsSync(gone.replace(/\.take\.json$/, '.mp4')), false, 'the clip left the folder');
      assert.ok(fs.existsSync(keep) && fs.existsSync(keep.replace(/\.take\.json$/, '.mp4')), 'the other take is untouched');
      assert.equal(fs.existsSync(path.join(workspaceDir(), 'renders', 'trash.selection.json')), false, 'the circle went with it');
      // A browser or remote window has no OS trash: the take waits in renders/.trash, whole.
      if (vscode.env.uiKind === vscode.UIKind.Web || vscode.env.remoteName) {
        const trash = path.join(workspaceDir(), 'renders', '.trash');
        assert.ok(fs.existsSync(path.join(trash, path.basename(gone))), 'the record is in renders/.trash');
        assert.ok(fs.existsSync(path.join(trash, path.basename(gone).replace(/\.take\.json$/, '.mp4'))), 'the clip is in renders/.trash');
      }
      await takesShown(uri, t => t.length === 1 && t[0]!.id === 'trash-keep');
    } finally {
      api.generation.setPromptsForTests(undefined);
    }
  });

  test('Compare: two takes of a shot open side by side with what differs between their requests', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'compare.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(uri, '20260105-100000', 'cmp-a', '2026-01-05T10:00:00.000Z', { prompt: 'a red paper boat', duration: '5' });
    doneTake(uri, '20260105-110000', 'cmp-b', '2026-01-05T11:00:00.000Z', { prompt: 'a blue paper boat', duration: '10' });
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    await takesShown(uri, t => t.length === 2);
    const panel = api.generation.takes.get(uri)!;
    await panel.receive({ type: 'compare', id: 'cmp-a', with: 'cmp-b' });
    // A webview loads slowly on a busy machine: wait on its first message, not on a clock.
    const msg = await waitFor('the compare view', () => panel.lastCompare?.lastMessage, { timeoutMs: 45_000 });
    assert.ok(msg.a.clipSrc && msg.b.clipSrc, 'both clips are offered');
    assert.deepEqual(msg.diff.settings, [{ key: 'duration', a: '5', b: '10' }]);
    assert.deepEqual(
      msg.diff.prompt?.filter(p => p.in !== 'both').map(p => p.text.trim()),
      ['red', 'blue'],
    );
  });

  test('review: takes are numbered, a rating and a note go into the record, and Compare circles a take', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'review.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    const a = doneTake(uri, '20260107-100000', 'rev-a', '2026-01-07T10:00:00.000Z');
    const b = doneTake(uri, '20260107-110000', 'rev-b', '2026-01-07T11:00:00.000Z');
    fs.rmSync(path.join(workspaceDir(), 'renders', 'review.selection.json'), { force: true });
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    const listed = await takesShown(uri, t => t.length === 2);
    assert.deepEqual(
      listed.map(t => [t.id, t.number]),
      [
        ['rev-b', 2],
        ['rev-a', 1],
      ],
      'older records are numbered by creation order',
    );
    const panel = api.generation.takes.get(uri)!;
    await panel.receive({ type: 'review', id: 'rev-a', rating: 4, note: 'the wave breaks late' });
    await takesShown(uri, t => t.find(x => x.id === 'rev-a')?.rating === 4);
    const onDisk = JSON.parse(fs.readFileSync(a, 'utf8')) as TakeRecord;
    assert.deepEqual([onDisk.rating, onDisk.note, onDisk.requestId], [4, 'the wave breaks late', 'req-rev-a']);
    await panel.receive({ type: 'review', id: 'rev-a', rating: 9 });
    await waitFor(
      'the refused rating leaves the record',
      () => (JSON.parse(fs.readFileSync(a, 'utf8')) as TakeRecord).rating === 4 || undefined,
    );

    await panel.receive({ type: 'compare', id: 'rev-a', with: 'rev-b' });
    const compare = await waitFor('the compare view', () => panel.lastCompare, { timeoutMs: 45_000 });
    const first = await waitFor('its first message', () => compare.lastMessage, { timeoutMs: 45_000 });
    assert.match(first.a.label, /^Take #1 · /);
    assert.match(first.b.label, /^Take #2 · /);
    assert.deepEqual([first.a.canCircle, first.a.circled, first.b.circled], [true, false, false]);
    await compare.receive({ type: 'circle', side: 'b', circled: true });
    await waitFor('B shown circled in Compare', () => compare.lastMessage?.b.circled || undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(workspaceDir(), 'renders', 'review.selection.json'), 'utf8')), {
      version: 1,
      take: path.basename(b),
    });
    await takesShown(uri, t => t.find(x => x.id === 'rev-b')?.circled === true);
  });

  test('one takes panel follows the active shot file; a pinned one stays, and another shot then gets its own', async () => {
    const shot = (name: string) => {
      const uri = vscode.Uri.file(path.join(workspaceDir(), name));
      fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
      return uri;
    };
    const a = shot('follow-a.kling.json');
    const b = shot('follow-b.kling.json');
    const c = shot('follow-c.kling.json');
    doneTake(b, '20260106-100000', 'follow-b-take', '2026-01-06T10:00:00.000Z');
    await vscode.window.showTextDocument(a, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('klingStudio.openTakes', a);
    const panel = await waitFor('the panel of A', () => api.generation.takes.get(a));
    await vscode.window.showTextDocument(b, { viewColumn: vscode.ViewColumn.One });
    await waitFor('the panel follows to B', () => (api.generation.takes.get(b) === panel ? true : undefined));
    assert.equal(api.generation.takes.get(a), undefined, 'one panel, not one per shot');
    await takesShown(b, t => t.length === 1 && t[0]!.id === 'follow-b-take');
    assert.equal(panel.panel.title, 'Takes: follow-b.kling.json');

    await panel.receive({ type: 'pin', pinned: true });
    await vscode.window.showTextDocument(c, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('klingStudio.openTakes', c);
    const other = await waitFor('a panel of its own for C', () => api.generation.takes.get(c));
    assert.notEqual(other, panel);
    assert.equal(api.generation.takes.get(b), panel, 'the pinned panel stayed on B');
  });

  test('a blank takes page is put in a new panel where it was, on its shot, pinned, with its take to select', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'stuck.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(uri, '20260107-100000', 'stuck-a', '2026-01-07T10:00:00.000Z');
    doneTake(uri, '20260107-110000', 'stuck-b', '2026-01-07T11:00:00.000Z');
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    const old = await waitFor('the panel', () => api.generation.takes.get(uri));
    await takesShown(uri, t => t.length === 2);
    await old.receive({ type: 'pin', pinned: true });
    const column = old.panel.viewColumn;
    assert.equal(old.panel.active, true, 'Open Takes focuses the panel');
    let closed = false;
    old.panel.onDidDispose(() => (closed = true));

    // What WebviewHost asks for when the page stays blank (a frame the browser never filled).
    assert.equal(old.replaceWhenStuck(), true);
    const next = api.generation.takes.get(uri);
    assert.ok(next && next !== old, 'a new panel holds the shot');
    assert.ok(closed, 'the blank panel is closed');
    assert.equal(next.panel.viewColumn, column, 'in the same column');
    assert.equal(next.pinned, true, 'still pinned');
    const m = await waitFor('the new page lists the takes', () => (next.lastMessage?.type === 'takes' ? next.lastMessage : undefined));
    assert.deepEqual(
      m.takes.map(t => t.id),
      ['stuck-b', 'stuck-a'],
    );
    assert.equal(next.panel.active, true, 'focused, as the blank one was');

    // A blank panel the user is not on is replaced without taking focus from where they are.
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    await waitFor('the text editor active', () => (next.panel.active ? undefined : true));
    const replaced = api.generation.takes.replace(next, 'stuck-a');
    // A new panel reports itself active until VS Code's first view-state event.
    await waitFor('the new panel inactive: the text editor keeps focus', () => (replaced.panel.active ? undefined : true), {
      timeoutMs: 10_000,
    });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const s = await waitFor('the take to select is sent', () =>
      replaced.lastMessage?.type === 'takes' ? replaced.lastMessage : undefined,
    );
    assert.equal(s.select, 'stuck-a');
    // The tabs are told of the closed panel a moment later.
    const takesTabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.label.startsWith('Takes')).length;
    await waitFor('one takes tab', () => (takesTabs() === 1 ? true : undefined), { timeoutMs: 10_000 });
  });
});
