// In-host: a committed renders/*.mp4 that is a symlink to a file outside the workspace is neither
// played nor read by the takes panel or the compare view; the panel says why. Real symlinks in the
// test workspace (a temp copy of examples/) pointing into another temp dir.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TakeRecord } from '../../src/takes';
import type { KlingStudioApi } from '../../src/extension/test-api';
import type { SequenceDocMessage } from '../../src/shared/sequence-messages';
import type { TakeView } from '../../src/shared/takes-messages';
import { makeClip } from '../../src/simulator';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

let api: KlingStudioApi;
let outside: string;

/** A done take of `shot` whose clip is `makeClip(clipPath)`'s doing (a file, or a link). */
function doneTake(shot: vscode.Uri, stamp: string, id: string, makeClip: (clipPath: string) => void): string {
  const renders = path.join(workspaceDir(), 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const base = path.join(renders, `${path.basename(shot.fsPath, '.kling.json')}.${stamp}`);
  fs.rmSync(`${base}.mp4`, { force: true });
  makeClip(`${base}.mp4`);
  const createdAt = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T10:00:00.000Z`;
  const rec: TakeRecord = {
    version: 1,
    id,
    shotFile: shot.fsPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: `a paper boat ${id}` },
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

suite('clip boundary', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-outside-clip-'));
    // A real clip (with an AAC track), so that ffmpeg would really copy it if it were asked to.
    fs.writeFileSync(path.join(outside, 'secret.mp4'), (await makeClip({ durationS: 1, aspect: '16:9', shots: [1], audio: true })).data);
  });
  suiteTeardown(() => fs.rmSync(outside, { recursive: true, force: true }));
  teardown(closeAllEditors);

  test('takes panel and compare view: a clip linked outside the workspace gets no source and a problem line; a normal take still plays', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'linked-clip.kling.json'));
    fs.writeFileSync(uri.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(uri, '20260201-100000', 'link-normal', clip => fs.writeFileSync(clip, 'not really a clip'));
    const linked = doneTake(uri, '20260202-100000', 'link-out', clip => fs.symlinkSync(path.join(outside, 'secret.mp4'), clip));
    // An MP3-audio copy beside it that is a link outside too must not be offered either.
    const copy = linked.replace(/\.take\.json$/, '.mp3audio.mp4');
    fs.rmSync(copy, { force: true });
    fs.symlinkSync(path.join(outside, 'secret.mp4'), copy);

    await vscode.commands.executeCommand('klingStudio.openTakes', uri);
    const takes = await takesShown(uri, t => t.length === 2);
    const out = takes.find(t => t.id === 'link-out')!;
    const normal = takes.find(t => t.id === 'link-normal')!;
    assert.equal(out.clipSrc, undefined, 'no clip source for the linked clip');
    assert.equal(out.mp3Src, undefined, 'no MP3 copy source either');
    assert.equal(out.audio, undefined, 'its audio track was not read');
    assert.match(out.error ?? '', /linked-clip\.20260202-100000\.mp4 points outside the workspace/);
    assert.ok(normal.clipSrc, 'the take whose clip is inside still plays');
    assert.equal(normal.error, undefined);

    const panel = api.generation.takes.get(uri)!;
    await assert.rejects(panel.lastFrameOf(linked), /points outside the workspace/, 'its last frame is not read');
    // "Make a copy with MP3 audio" does not hand the outside file to ffmpeg (it would replace the link with a copy).
    await panel.receive({ type: 'makeMp3Copy', id: 'link-out' });
    assert.ok(fs.lstatSync(copy).isSymbolicLink(), 'no copy of the outside clip was made');

    await panel.receive({ type: 'compare', id: 'link-normal', with: 'link-out' });
    // A webview loads slowly on a busy machine: wait on its first message, not on a clock.
    try {
      const msg = await waitFor('the compare view', () => panel.lastCompare?.lastMessage, { timeoutMs: 45_000 });
      assert.ok(msg.a.clipSrc, 'the normal take is offered');
      assert.equal(msg.a.problem, undefined);
      assert.equal(msg.b.clipSrc, undefined, 'the linked clip is not offered');
      assert.match(msg.b.problem ?? '', /points outside the workspace/);
    } finally {
      // Closed by hand: in code-server a compare view left to "close all editors" kept the next
      // webview of this window from loading.
      panel.lastCompare?.panel.dispose();
    }
  });

  test('sequence editor: the card of a shot whose clip is linked outside gets no source and the same problem line', async () => {
    const inside = vscode.Uri.file(path.join(workspaceDir(), 'seq-clip-in.kling.json'));
    const linked = vscode.Uri.file(path.join(workspaceDir(), 'seq-clip-out.kling.json'));
    for (const u of [inside, linked]) fs.writeFileSync(u.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(inside, '20260203-100000', 'seq-in', clip => fs.writeFileSync(clip, 'not really a clip'));
    doneTake(linked, '20260203-100000', 'seq-out', clip => fs.symlinkSync(path.join(outside, 'secret.mp4'), clip));
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'clip-boundary.kling-seq.json'));
    fs.writeFileSync(uri.fsPath, '{ "shots": [ "seq-clip-in.kling.json", "seq-clip-out.kling.json" ] }\n');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'klingStudio.sequenceEditor');
    const shown = await waitFor('both cards with their takes', async () => {
      const m = await vscode.commands.executeCommand<SequenceDocMessage | undefined>('klingStudio._test.sequenceEditor', uri);
      return m?.entries.length === 2 && m.entries.every(e => e.take) ? m : undefined;
    });
    const [cardIn, cardOut] = shown.entries;
    assert.ok(cardIn!.take!.clipSrc, 'the clip inside is offered');
    assert.equal(cardOut!.take!.clipSrc, undefined, 'the linked clip is not offered');
    assert.match(cardOut!.take!.clipProblem ?? '', /seq-clip-out\.20260203-100000\.mp4 points outside the workspace/);
  });

  test('Export Cut refuses a sequence whose clip is linked outside: nothing from outside is copied into a cut', async () => {
    const clip = await makeClip({ durationS: 2, aspect: '16:9', shots: [2], audio: false });
    fs.writeFileSync(path.join(outside, 'secret-clip.mp4'), clip.data);
    const inside = vscode.Uri.file(path.join(workspaceDir(), 'cut-in.kling.json'));
    const linked = vscode.Uri.file(path.join(workspaceDir(), 'cut-out.kling.json'));
    for (const u of [inside, linked]) fs.writeFileSync(u.fsPath, '{ "prompt": "a paper boat" }\n');
    doneTake(inside, '20260204-100000', 'cut-in', c => fs.writeFileSync(c, clip.data));
    doneTake(linked, '20260204-100000', 'cut-out', c => fs.symlinkSync(path.join(outside, 'secret-clip.mp4'), c));
    const seq = vscode.Uri.file(path.join(workspaceDir(), 'cut.kling-seq.json'));
    fs.writeFileSync(seq.fsPath, '{ "shots": [ "cut-in.kling.json", "cut-out.kling.json" ] }\n');
    const out = vscode.Uri.file(path.join(workspaceDir(), 'cut-out', 'cut.mp4'));
    const result = await vscode.commands.executeCommand<unknown>('klingStudio.exportCut', seq, out);
    assert.equal(result, undefined, 'nothing was exported');
    assert.equal(fs.existsSync(out.fsPath), false, 'no cut was written');
    assert.equal(fs.existsSync(out.fsPath.replace(/\.mp4$/, '.otio')), false, 'no timeline either');
  });
});
