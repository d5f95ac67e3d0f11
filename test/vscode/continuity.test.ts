// In-host: "Continue from Last Frame". With PNG bytes given through the command's test entry: the
// next shot of a sequence gets start_image_url (and becomes image-to-video) in one undoable edit; a
// shot with no next gets a new shot file that the sequence lists after it; refusals write nothing.
// Without bytes, the takes panel's webview decodes a real clip's last frame.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TakeRecord } from '../../src/takes';
import { analyzeSequence } from '../../src/core';
import type { ContinueResult } from '../../src/extension/continuity/continue-from-last-frame';
import { CONTINUE_TEST_COMMAND, type ContinueTestAnswers, type ContinueTestResult } from '../../src/extension/continuity/register';
import type { KlingStudioApi } from '../../src/extension/test-api';
import { pngOf, pngSize } from '../harness/png';
import { EXTENSION_ID, closeAllEditors, workspaceDir } from './helpers';
import { waitFor } from '../kit/wait-for';

const ROOT = path.resolve(__dirname, '../../..');

/** A take of `shot` whose clip is `clip` (a file copied in) or a stand-in file. */
function take(
  shot: string,
  stamp: string,
  opts: { status?: TakeRecord['status']; clip?: string | null; size?: [number, number] } = {},
): string {
  const renders = path.join(workspaceDir(), 'renders');
  fs.mkdirSync(renders, { recursive: true });
  const base = path.join(renders, `${path.basename(shot, '.kling.json')}.${stamp}`);
  if (opts.clip) fs.copyFileSync(opts.clip, `${base}.mp4`);
  else if (opts.clip === undefined) fs.writeFileSync(`${base}.mp4`, 'a stand-in clip');
  const at = '2026-02-01T10:00:00.000Z';
  const [width, height] = opts.size ?? [64, 36];
  const rec: TakeRecord = {
    version: 1,
    id: `cont-${stamp}`,
    shotFile: shot,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a harbour at dusk' },
    requestId: `req-${stamp}`,
    status: opts.status ?? 'done',
    createdAt: at,
    updatedAt: at,
    clipPath: `${base}.mp4`,
    video: { url: 'https://cdn.example/clip.mp4', width, height, durationSeconds: 2 },
  };
  fs.writeFileSync(`${base}.take.json`, JSON.stringify(rec));
  return `${base}.take.json`;
}

const attempt = (record: string, png?: Uint8Array, answers?: ContinueTestAnswers) =>
  vscode.commands.executeCommand<ContinueTestResult>(CONTINUE_TEST_COMMAND, record, png, answers);

/** A run that must end well (or with the user's "no": undefined). */
async function run(record: string, png?: Uint8Array, answers?: ContinueTestAnswers): Promise<ContinueResult | undefined> {
  const r = await attempt(record, png, answers);
  if (r && 'error' in r) assert.fail(r.error);
  return r;
}

/** A run that must be refused; its message. */
async function refused(record: string, png?: Uint8Array): Promise<string> {
  const r = await attempt(record, png);
  assert.ok(r && 'error' in r, `refused: ${JSON.stringify(r)}`);
  return r.error;
}

suite('continue from last frame', function () {
  this.timeout(90_000);
  let dir: string;
  let api: KlingStudioApi;

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<KlingStudioApi>(EXTENSION_ID)!.activate();
    dir = workspaceDir();
  });
  teardown(closeAllEditors);

  test('the next shot of the sequence starts from the saved frame, as image-to-video; one undo restores it', async () => {
    const a = path.join(dir, 'cont-a.kling.json');
    const b = path.join(dir, 'cont-b.kling.json');
    fs.writeFileSync(a, '{ "prompt": "a harbour at dusk" }\n');
    const original =
      '{\n  // the second shot\n  "endpoint": "standard/text-to-video",\n  "prompt": "boats rock",\n  "aspect_ratio": "16:9"\n}\n';
    fs.writeFileSync(b, original);
    fs.writeFileSync(path.join(dir, 'cont.kling-seq.json'), '{\n  "shots": [\n    "cont-a.kling.json",\n    "cont-b.kling.json"\n  ]\n}\n');
    const frame = pngOf(64, 36);

    const result = await run(take(a, '20260201-100000'), frame);
    assert.ok(result, 'it ran to the end');
    assert.equal(result.png, path.join(dir, 'refs', 'cont-a.last-frame.png'));
    assert.deepEqual(new Uint8Array(fs.readFileSync(result.png)), frame);
    assert.equal(result.nextShot, b);
    assert.equal(result.created, false);

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(b));
    const edited = doc.getText();
    assert.equal(
      edited,
      '{\n  // the second shot\n  "endpoint": "standard/image-to-video",\n  "prompt": "boats rock",\n  "start_image_url": "refs/cont-a.last-frame.png"\n}\n',
    );
    assert.equal(fs.readFileSync(b, 'utf8'), edited, 'a document without unsaved changes is saved after the edit');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo', () => (doc.getText() === original ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.save');
  });

  test('a shot with no next gets a new shot file after it, and the sequence lists it; a second run takes new names', async () => {
    const c = path.join(dir, 'cont-c.kling.json');
    fs.writeFileSync(c, '{ "endpoint": "fal-ai/kling-video/v3/4k/text-to-video", "prompt": "the lamp turns on", "duration": "7" }\n');
    const seq = path.join(dir, 'cont-last.kling-seq.json');
    fs.writeFileSync(seq, '// ends on the lamp\n{ "shots": [ "cont-c.kling.json" ] }\n');

    const first = await run(take(c, '20260201-110000'), pngOf(64, 36));
    assert.ok(first);
    assert.equal(first.created, true);
    assert.equal(first.nextShot, path.join(dir, 'cont-c-next.kling.json'));
    assert.equal(first.sequence, seq);
    const next = JSON.parse(fs.readFileSync(first.nextShot, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    assert.deepEqual(next, {
      endpoint: 'fal-ai/kling-video/v3/4k/image-to-video',
      start_image_url: 'refs/cont-c.last-frame.png',
      prompt: '',
      duration: '7',
    });
    const listed = () => analyzeSequence(fs.readFileSync(seq, 'utf8')).entries.map(e => e.shot);
    assert.deepEqual(listed(), ['cont-c.kling.json', 'cont-c-next.kling.json']);
    assert.match(fs.readFileSync(seq, 'utf8'), /^\/\/ ends on the lamp\n/);

    // Another frame of the same shot: cont-c now has a next shot, whose start image differs. Asked
    // first; "no" leaves the shot as it was (the frame is kept under a new name).
    const again = take(c, '20260201-120000');
    const other = pngOf(64, 36, 200);
    assert.equal(await run(again, other, { replace: false }), undefined);
    const secondPng = path.join(dir, 'refs', 'cont-c.last-frame-2.png');
    assert.deepEqual(new Uint8Array(fs.readFileSync(secondPng)), other);
    assert.match(fs.readFileSync(first.nextShot, 'utf8'), /"start_image_url": "refs\/cont-c\.last-frame\.png"/);
    // "Yes": the same bytes reuse that file, and the next shot now starts from it.
    const replaced = await run(again, other, { replace: true });
    assert.ok(replaced);
    assert.equal(replaced.png, secondPng);
    assert.equal(replaced.nextShot, first.nextShot);
    assert.match(fs.readFileSync(first.nextShot, 'utf8'), /"start_image_url": "refs\/cont-c\.last-frame-2\.png"/);
    assert.deepEqual(listed(), ['cont-c.kling.json', 'cont-c-next.kling.json']);
  });

  test('refusals write nothing: a take that is not done, a missing clip, a frame that is not the clip size', async () => {
    const d = path.join(dir, 'cont-d.kling.json');
    fs.writeFileSync(d, '{ "prompt": "rain" }\n');
    const frame = path.join(dir, 'refs', 'cont-d.last-frame.png');
    assert.match(await refused(take(d, '20260201-130000', { status: 'failed' }), pngOf(64, 36)), /cont-d\.kling\.json is failed, not done/);
    assert.match(await refused(take(d, '20260201-140000', { clip: null }), pngOf(64, 36)), /clip of this take is missing/);
    assert.match(await refused(take(d, '20260201-150000'), pngOf(32, 18)), /32×18 picture, but the clip is 64×36/);
    assert.match(
      await refused(take(d, '20260201-160000'), new TextEncoder().encode('<html>not a png</html>'.repeat(4))),
      /not a PNG image/,
    );
    assert.match(await refused(path.join(dir, 'cont-d.kling.json')), /run it on a take/);
    // The next shot cannot take the frame (motion-control) or is missing: refused before any write.
    for (const [shot, next, text, reason, stamp] of [
      [
        'cont-i',
        'cont-i-motion',
        '{ "image_url": "a.png", "video_url": "b.mp4", "character_orientation": "video" }\n',
        /motion-control shot/,
        '20260201-151000',
      ],
      [
        'cont-j',
        'cont-j-gone',
        undefined,
        /lists cont-j-gone\.kling\.json after cont-j\.kling\.json, but that file does not exist/,
        '20260201-152000',
      ],
    ] as const) {
      const from = path.join(dir, `${shot}.kling.json`);
      fs.writeFileSync(from, '{ "prompt": "x" }\n');
      if (text) fs.writeFileSync(path.join(dir, `${next}.kling.json`), text);
      fs.writeFileSync(path.join(dir, `${shot}.kling-seq.json`), `{ "shots": [ "${shot}.kling.json", "${next}.kling.json" ] }\n`);
      assert.match(await refused(take(from, stamp), pngOf(64, 36)), reason);
      assert.equal(fs.existsSync(path.join(dir, 'refs', `${shot}.last-frame.png`)), false);
    }
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kling-outside-')), 'far.kling.json');
    fs.writeFileSync(outside, '{ "prompt": "far away" }\n');
    assert.match(await refused(take(outside, '20260201-161000'), pngOf(64, 36)), /outside the workspace folders/);
    assert.equal(fs.existsSync(path.join(path.dirname(outside), 'refs')), false);
    // refs/ that is a link out of the workspace: the frame is not written through it.
    const linked = path.join(dir, 'linked');
    fs.mkdirSync(linked, { recursive: true });
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-away-'));
    fs.symlinkSync(away, path.join(linked, 'refs'));
    const l = path.join(linked, 'cont-l.kling.json');
    fs.writeFileSync(l, '{ "prompt": "x" }\n');
    assert.match(await refused(take(l, '20260201-163000'), pngOf(64, 36)), /linked\/refs resolves to .*, outside the workspace folders/);
    assert.deepEqual(fs.readdirSync(away), []);
    api.generation.setTrustOverrideForTests(false);
    try {
      assert.match(await refused(take(d, '20260201-162000'), pngOf(64, 36)), /not trusted/);
    } finally {
      api.generation.setTrustOverrideForTests(undefined);
    }
    assert.equal(fs.existsSync(frame), false);
    assert.equal(fs.existsSync(path.join(dir, 'cont-d-next.kling.json')), false);
  });

  test('a next shot outside the workspace (a ../ entry, a symlink) is refused by name; a sequence linked in from outside is not read; nothing outside is edited', async () => {
    // Beside the workspace folder, so that a sequence reaches it with ../
    const outside = fs.mkdtempSync(path.join(path.dirname(dir), 'kling-outside-next-'));
    const far = path.join(outside, 'far.kling.json');
    const farText = '{ "endpoint": "text-to-video", "prompt": "far away" }\n';
    fs.writeFileSync(far, farText);
    const seqText = '{ "shots": [ "cont-q.kling.json" ] }\n';
    fs.writeFileSync(path.join(outside, 'far.kling-seq.json'), seqText);
    try {
      const cases = [
        // [shot, the sequence's second entry (or none), what the message names]
        ['cont-o', `../${path.basename(outside)}/far.kling.json`, /\.\.\/kling-outside-next-\w+\/far\.kling\.json/],
        ['cont-s', 'cont-s-link.kling.json', /cont-s-link\.kling\.json/],
      ] as const;
      fs.symlinkSync(far, path.join(dir, 'cont-s-link.kling.json'));
      for (const [shot, next, names] of cases) {
        const from = path.join(dir, `${shot}.kling.json`);
        fs.writeFileSync(from, '{ "prompt": "x" }\n');
        if (next) fs.writeFileSync(path.join(dir, `${shot}.kling-seq.json`), `{ "shots": [ "${shot}.kling.json", "${next}" ] }\n`);
        const message = await refused(take(from, `20260201-21${cases.findIndex(c => c[0] === shot)}000`), pngOf(64, 36));
        assert.match(message, names);
        assert.match(message, /outside the workspace folders/);
        assert.ok(message.includes(fs.realpathSync(far)), `${message} names the real path`);
        assert.equal(fs.existsSync(path.join(dir, 'refs', `${shot}.last-frame.png`)), false, 'no frame saved');
        assert.equal(fs.existsSync(path.join(dir, `${shot}-next.kling.json`)), false, 'no next shot created');
      }
      // A sequence of the workspace that is a link to a file outside it is not read (the read
      // boundary), so it lists nothing here: the frame and a new next shot are made inside, and the
      // sequence outside is neither read for its shots nor edited.
      fs.symlinkSync(path.join(outside, 'far.kling-seq.json'), path.join(dir, 'cont-q.kling-seq.json'));
      const q = path.join(dir, 'cont-q.kling.json');
      fs.writeFileSync(q, '{ "prompt": "x" }\n');
      const made = await run(take(q, '20260201-212000'), pngOf(64, 36));
      assert.ok(made && made.created, JSON.stringify(made));
      assert.equal(made.nextShot, path.join(dir, 'cont-q-next.kling.json'));
      assert.equal(made.sequence, undefined, 'no sequence lists it: the linked one was not read');
      assert.equal(fs.readFileSync(far, 'utf8'), farText, 'the shot outside is not edited');
      assert.equal(fs.readFileSync(path.join(outside, 'far.kling-seq.json'), 'utf8'), seqText, 'the sequence outside is not edited');
      assert.ok(!vscode.workspace.textDocuments.some(d => d.isDirty), 'no edit is left unsaved either');
    } finally {
      // The links and files made in the workspace go too: a dangling link would trip the suites after this one.
      for (const n of ['cont-s-link.kling.json', 'cont-q.kling-seq.json', 'cont-o.kling-seq.json', 'cont-s.kling-seq.json']) {
        fs.rmSync(path.join(dir, n), { force: true });
      }
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a shot reached through a folder link that leads out: refs/ and a next shot are not made outside', async () => {
    // via/ is a link out of the workspace; the shot in it links back in, so the shot itself is inside.
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-away-folder-'));
    try {
      const real = path.join(dir, 'cont-v-real.kling.json');
      fs.writeFileSync(real, '{ "prompt": "through a link" }\n');
      fs.symlinkSync(real, path.join(away, 'cont-v.kling.json'));
      fs.symlinkSync(away, path.join(dir, 'via'));
      const message = await refused(take(path.join(dir, 'via', 'cont-v.kling.json'), '20260201-220000'), pngOf(64, 36));
      assert.match(message, /via/);
      assert.match(message, /outside the workspace folders/);
      assert.deepEqual(fs.readdirSync(away), ['cont-v.kling.json'], 'no refs/ folder and no next shot outside');
    } finally {
      fs.rmSync(path.join(dir, 'via'), { force: true });
      fs.rmSync(away, { recursive: true, force: true });
    }
  });

  test('several sequences list the shot: the one picked is used; no pick writes nothing', async () => {
    const f = path.join(dir, 'cont-f.kling.json');
    fs.writeFileSync(f, '{ "prompt": "fog" }\n');
    fs.writeFileSync(path.join(dir, 'cont-g.kling.json'), '{ "prompt": "fog lifts" }\n');
    fs.writeFileSync(path.join(dir, 'cont-f1.kling-seq.json'), '{ "shots": [ "cont-f.kling.json", "cont-g.kling.json" ] }\n');
    fs.mkdirSync(path.join(dir, 'alt'), { recursive: true });
    const alt = path.join(dir, 'alt', 'cont-f2.kling-seq.json');
    fs.writeFileSync(alt, '{ "shots": [ "../cont-f.kling.json" ] }\n');
    const record = take(f, '20260201-180000');

    assert.equal(await run(record, pngOf(64, 36), { sequence: undefined }), undefined);
    assert.equal(fs.existsSync(path.join(dir, 'refs', 'cont-f.last-frame.png')), false, 'a cancelled pick writes no frame');

    // Sequences are offered in path order: alt/cont-f2 first, where cont-f is the last shot.
    const picked = await run(record, pngOf(64, 36), { sequence: 0 });
    assert.ok(picked);
    assert.equal(picked.sequence, alt);
    assert.equal(picked.nextShot, path.join(dir, 'cont-f-next.kling.json'));
    assert.deepEqual(
      analyzeSequence(fs.readFileSync(alt, 'utf8')).entries.map(e => e.shot),
      ['../cont-f.kling.json', '../cont-f-next.kling.json'],
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'cont-g.kling.json'), 'utf8'),
      '{ "prompt": "fog lifts" }\n',
      "the other sequence's next shot is untouched",
    );
  });

  test('two presses at once continue the take once', async () => {
    const m = path.join(dir, 'cont-m.kling.json');
    fs.writeFileSync(m, '{ "prompt": "one press" }\n');
    const record = take(m, '20260201-200000');
    const results = await Promise.all([run(record, pngOf(64, 36)), run(record, pngOf(64, 36))]);
    assert.equal(results.filter(r => r !== undefined).length, 1);
    assert.deepEqual(
      fs.readdirSync(dir).filter(f => f.startsWith('cont-m-next')),
      ['cont-m-next.kling.json'],
    );
  });

  test('a clip that is no video is named at once, before the takes panel is asked; nothing is written', async () => {
    const h = path.join(dir, 'cont-h.kling.json');
    fs.writeFileSync(h, '{ "prompt": "static" }\n');
    assert.match(await refused(take(h, '20260201-190000')), /cont-h\.20260201-190000\.mp4 is a text file, not a video/);
    const sound = path.join(ROOT, 'test/fixtures/media/audio-only-2s.mp4');
    assert.match(await refused(take(h, '20260201-191000', { clip: sound })), /is audio only \(no video track\), not a video/);
    assert.equal(fs.existsSync(path.join(dir, 'refs', 'cont-h.last-frame.png')), false);
  });

  test('without bytes, the takes panel decodes the real clip: the PNG is the clip size', async () => {
    const e = path.join(dir, 'cont-e.kling.json');
    fs.writeFileSync(e, '{ "prompt": "a paper boat" }\n');
    const clip = path.join(ROOT, 'test/fixtures/media/short-2s-480x640.mp4');
    const result = await run(take(e, '20260201-170000', { clip, size: [480, 640] }));
    assert.ok(result, 'the webview decoded the frame');
    assert.deepEqual(pngSize(fs.readFileSync(result.png)), { width: 480, height: 640 });
    assert.equal(result.nextShot, path.join(dir, 'cont-e-next.kling.json'));

    // The command itself, as the Generations view's context menu calls it (with the tree node).
    const viaTree = await vscode.commands.executeCommand<ContinueResult | undefined>('klingStudio.continueFromLastFrame', {
      kind: 'take',
      entry: { path: take(e, '20260201-171000', { clip, size: [480, 640] }) },
    });
    assert.ok(viaTree, 'the command ran on the tree node');
    assert.equal(viaTree.png, result.png, 'the same frame again: the file is reused, not copied');
    assert.equal(viaTree.nextShot, path.join(dir, 'cont-e-next-2.kling.json'));
  });
});
