// In-host: the shot editor shows the shot's circled take and follows it (a circle from the takes
// panel, a sidecar written as `kling takes select` writes it, a take landing); the takes panel's
// details show thumbnails of a take's media by the workspace boundary and the remote-preview policy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TakeRecord } from '../../src/takes';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { CircledTakeMessage } from '../../src/shared/circled-take-messages';
import type { TakeView } from '../../src/shared/takes-messages';
import { EXTENSION_ID, activeTabInput, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

const CIRCLED_TAKE = 'klingStudio._test.circledTake';
let api: KlingStudioApi;

function writeTake(shot: vscode.Uri, stamp: string, id: string, extra: Partial<TakeRecord> = {}): string {
  const renders = path.join(workspaceDir(), 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const base = path.join(renders, `${path.basename(shot.fsPath, '.kling.json')}.${stamp}`);
  fs.writeFileSync(`${base}.mp4`, 'not really a clip');
  const at = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00.000Z`;
  const rec: TakeRecord = {
    version: 1,
    id,
    shotFile: shot.fsPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a lighthouse', duration: '5' },
    requestId: `req-${id}`,
    status: 'done',
    createdAt: at,
    updatedAt: at,
    clipPath: `${base}.mp4`,
    ...extra,
  };
  fs.writeFileSync(`${base}.take.json`, JSON.stringify(rec));
  return `${base}.take.json`;
}

async function circledShown(uri: vscode.Uri, ok: (m: CircledTakeMessage) => boolean): Promise<CircledTakeMessage> {
  let seen: CircledTakeMessage | undefined;
  return waitFor(
    'the shot editor’s circled take',
    async () => {
      seen = await vscode.commands.executeCommand<CircledTakeMessage | undefined>(CIRCLED_TAKE, uri);
      return seen && ok(seen) ? seen : undefined;
    },
    { explain: () => `it last said ${JSON.stringify(seen)}` },
  );
}

async function takesShown(uri: vscode.Uri, ok: (takes: TakeView[]) => boolean): Promise<TakeView[]> {
  return waitFor('the takes panel', () => {
    const m = api.generation.takes.get(uri)?.lastMessage;
    return m?.type === 'takes' && ok(m.takes) ? m.takes : undefined;
  });
}

suite('circled take in the shot editor; media in the take details', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
  });
  teardown(closeAllEditors);

  test('the shot editor follows the circle: the panel circles, a sidecar written from outside, a new take', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'lighthouse.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a lighthouse", "duration": "5" }\n');
    const none = vscode.Uri.file(path.join(workspaceDir(), 'lighthouse-none.kling.json'));
    fs.writeFileSync(none.fsPath, '{ "prompt": "a lighthouse at night" }\n');
    await vscode.commands.executeCommand('vscode.openWith', none, 'klingStudio.shotEditor');
    await circledShown(none, m => m.count === 0 && !m.take);
    await closeAllEditors();

    const a = writeTake(uri, '20260105-100000', 'lh-a', { video: { url: 'https://x/a.mp4', durationSeconds: 5.04 } });
    writeTake(uri, '20260105-110000', 'lh-b');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'klingStudio.shotEditor');
    await waitFor('the shot editor tab', () => (activeTabInput() instanceof vscode.TabInputCustom ? true : undefined));
    await circledShown(uri, m => m.count === 2 && !m.take);

    // Circled in the takes panel: the editor follows.
    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    await takesShown(uri, t => t.length === 2);
    await api.generation.takes.get(uri)!.receive({ type: 'circle', id: 'lh-b', circled: true });
    await circledShown(uri, m => m.take?.id === 'lh-b');

    // `kling takes select` writes the sidecar: the editor follows the file.
    fs.writeFileSync(
      path.join(workspaceDir(), 'renders', 'lighthouse.selection.json'),
      JSON.stringify({ version: 1, take: path.basename(a) }),
    );
    const shown = await circledShown(uri, m => m.take?.id === 'lh-a');
    assert.equal(shown.take?.name, 'lighthouse.20260105-100000');
    assert.equal(shown.take?.durationS, 5.04);
    assert.ok(shown.take?.thumbSrc, 'the clip is inside the workspace: its first frame is the thumbnail');

    // A take lands (its record and clip appear in the output folder).
    writeTake(uri, '20260105-120000', 'lh-c');
    await circledShown(uri, m => m.count === 3 && m.take?.id === 'lh-a');
    await api.generation.takes.get(uri)!.receive({ type: 'circle', id: 'lh-a', circled: false });
    await circledShown(uri, m => m.count === 3 && !m.take);
  });

  test('take details: local media inside the workspace, https under the policy, a link out of the workspace named', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'thumbs.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a lighthouse", "start_image_url": "refs/thumb-start.png" }\n');
    fs.mkdirSync(path.join(workspaceDir(), 'refs'), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir(), 'refs', 'thumb-start.png'), 'png bytes');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.png'), 'png bytes');
    const link = path.join(workspaceDir(), 'refs', 'thumb-link.png');
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.join(outside, 'secret.png'), link);
    writeTake(uri, '20260106-100000', 'th-a', {
      endpointId: 'fal-ai/kling-video/v3/pro/image-to-video',
      body: {
        prompt: 'a lighthouse',
        start_image_url: 'refs/thumb-start.png',
        end_image_url: 'https://v3.fal.media/files/end.png',
        elements: [{ frontal_image_url: 'refs/thumb-link.png' }],
      },
      phaseAt: {
        queued: '2026-01-06T10:00:01.000Z',
        running: '2026-01-06T10:00:05.000Z',
        downloading: '2026-01-06T10:01:07.000Z',
        done: '2026-01-06T10:01:08.000Z',
      },
    });
    const cfg = () => vscode.workspace.getConfiguration('klingStudio');
    try {
      await vscode.commands.executeCommand('klingStudio.openTakes', uri);
      const media = (t: TakeView[]) => t[0]?.details?.media ?? [];
      const settled = (t: TakeView[]) => media(t).length === 3 && media(t).every(m => m.problem !== 'Checking…');
      const [take] = await takesShown(uri, settled);
      const byKey = new Map(take!.details!.media!.map(m => [m.key, m]));
      assert.match(byKey.get('start_image_url')?.src ?? '', /thumb-start\.png/);
      assert.equal(byKey.get('end_image_url')?.src, 'https://v3.fal.media/files/end.png', 'a trusted workspace loads remote previews');
      assert.equal(byKey.get('elements[0].frontal_image_url')?.src, undefined);
      assert.match(byKey.get('elements[0].frontal_image_url')?.problem ?? '', /Outside the workspace/);
      assert.deepEqual(take!.details!.phases, [
        { phase: 'queued', ms: 4000 },
        { phase: 'running', ms: 62_000 },
        { phase: 'downloading', ms: 1000 },
      ]);

      await cfg().update('editor.remotePreviews', 'never', vscode.ConfigurationTarget.Workspace);
      const [blocked] = await takesShown(uri, t => settled(t) && media(t).some(m => m.key === 'end_image_url' && !m.src));
      const end = blocked!.details!.media!.find(m => m.key === 'end_image_url')!;
      assert.match(end.problem ?? '', /remotePreviews/);
    } finally {
      await cfg().update('editor.remotePreviews', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
