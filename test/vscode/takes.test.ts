// In-host: the circled take. Circling in the takes panel writes the sidecar beside the records,
// and a panel opened afresh (as after a reload) reads the same choice back from disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TakeRecord } from '../../src/client';
import type { KlingStudioApi } from '../../src/extension/extension';
import type { TakeView } from '../../src/shared/takes-messages';
import { EXTENSION_ID, closeAllEditors, waitFor, workspaceDir } from './helpers';

let api: KlingStudioApi;

function doneTake(shot: vscode.Uri, stamp: string, id: string, createdAt: string): string {
  const renders = path.join(workspaceDir(), 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const base = path.join(renders, `${path.basename(shot.fsPath, '.kling.json')}.${stamp}`);
  fs.writeFileSync(`${base}.mp4`, 'not really a clip');
  const rec: TakeRecord = {
    version: 1,
    id,
    shotFile: shot.fsPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat' },
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
});
