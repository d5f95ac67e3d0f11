// The clip a take names is played or read only when its real path is inside the roots: real files
// in a temp dir, real symlinks pointing in and out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkClip, clipOutsideText } from '../../../src/extension/common/clip-boundary';

let tmp: string;
let ws: string;
let outside: string;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-clip-boundary-'));
  ws = path.join(tmp, 'ws');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(ws, 'renders'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'other'));
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(ws, 'renders', 'a.mp4'), 'clip bytes');
  fs.writeFileSync(path.join(ws, 'other', 'b.mp4'), 'other clip');
  fs.writeFileSync(path.join(outside, 'secret.mp4'), 'secret bytes');
  fs.symlinkSync(path.join(outside, 'secret.mp4'), path.join(ws, 'renders', 'out.mp4'));
  fs.symlinkSync(path.join(ws, 'other', 'b.mp4'), path.join(ws, 'renders', 'in.mp4'));
  fs.symlinkSync(path.join(outside, 'gone.mp4'), path.join(ws, 'renders', 'dangling.mp4'));
  fs.symlinkSync(outside, path.join(ws, 'renders', 'dir-out'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a clip inside, or linked to a file inside, is played from its real path', async () => {
  const plain = await checkClip(path.join(ws, 'renders', 'a.mp4'), [ws]);
  assert.equal(plain.kind, 'inside');
  assert.equal(plain.kind === 'inside' && plain.size, 'clip bytes'.length);
  const linked = await checkClip(path.join(ws, 'renders', 'in.mp4'), [ws]);
  assert.deepEqual(linked.kind === 'inside' && linked.realPath, fs.realpathSync(path.join(ws, 'other', 'b.mp4')));
});

test('a clip that is a link to a file outside, or under a linked folder outside, is outside', async () => {
  const link = await checkClip(path.join(ws, 'renders', 'out.mp4'), [ws]);
  assert.deepEqual(link, { kind: 'outside', realPath: fs.realpathSync(path.join(outside, 'secret.mp4')) });
  const viaDir = await checkClip(path.join(ws, 'renders', 'dir-out', 'secret.mp4'), [ws]);
  assert.equal(viaDir.kind, 'outside');
});

test('a missing clip, a dangling link or a folder is missing, not outside', async () => {
  assert.deepEqual(await checkClip(path.join(ws, 'renders', 'nope.mp4'), [ws]), { kind: 'missing' });
  assert.deepEqual(await checkClip(path.join(ws, 'renders', 'dangling.mp4'), [ws]), { kind: 'missing' });
  assert.deepEqual(await checkClip(path.join(ws, 'renders'), [ws]), { kind: 'missing' });
});

test('a root that is itself a link is judged by its real path', async () => {
  const wsLink = path.join(tmp, 'ws-link');
  fs.symlinkSync(ws, wsLink);
  assert.equal((await checkClip(path.join(wsLink, 'renders', 'a.mp4'), [wsLink])).kind, 'inside');
  assert.equal((await checkClip(path.join(wsLink, 'renders', 'out.mp4'), [wsLink])).kind, 'outside');
});

test('the problem line names the clip and says it points outside', () => {
  const text = clipOutsideText(path.join(ws, 'renders', 'out.mp4'));
  assert.match(text, /out\.mp4/);
  assert.match(text, /outside the workspace/);
});
