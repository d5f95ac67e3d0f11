// The shot editor's thumbnails and the cost view's video length go through the one workspace
// boundary: real files in a temp dir, real symlinks pointing in and out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BoundaryCache, boundaryProblem, remoteBlocked, videoSecondsInside } from '../../../src/extension/common/media-boundary';
import { parseRemotePreviews } from '../../../src/extension/settings/readers';

const VIDEO = path.resolve(__dirname, '../../fixtures/media/short-2s-480x640.mp4');
let tmp: string;
let ws: string;
let outside: string;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kling-media-boundary-'));
  ws = path.join(tmp, 'ws');
  outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(ws, 'refs'), { recursive: true });
  fs.mkdirSync(outside);
  fs.copyFileSync(VIDEO, path.join(ws, 'refs', 'in.mp4'));
  fs.copyFileSync(VIDEO, path.join(outside, 'secret.mp4'));
  fs.writeFileSync(path.join(ws, 'refs', 'in.png'), 'png');
  fs.writeFileSync(path.join(outside, 'secret.png'), 'png');
  fs.symlinkSync(path.join(outside, 'secret.mp4'), path.join(ws, 'refs', 'link-out.mp4'));
  fs.symlinkSync(path.join(outside, 'secret.png'), path.join(ws, 'refs', 'link-out.png'));
  fs.symlinkSync(path.join(ws, 'refs', 'in.png'), path.join(ws, 'refs', 'link-in.png'));
  fs.symlinkSync(outside, path.join(ws, 'dir-out'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('thumbnails: files and links inside are previewed; links pointing outside are not', async () => {
  const cache = new BoundaryCache(
    () => [ws],
    () => undefined,
  );
  const look = async (rel: string) => boundaryProblem(await cache.check(path.join(ws, rel)));
  assert.equal(await look('refs/in.png'), undefined);
  assert.equal(await look('refs/link-in.png'), undefined);
  assert.match((await look('refs/link-out.png'))!, /Outside the workspace folders/);
  assert.match((await look('dir-out/secret.png'))!, /Outside the workspace folders/);
  // A missing file is not a boundary problem: the card shows it broken and the media check says why.
  assert.equal(await look('refs/missing.png'), undefined);
});

test('thumbnails: a workspace folder that is itself a link still holds its files', async () => {
  const linkedWs = path.join(tmp, 'ws-link');
  fs.symlinkSync(ws, linkedWs);
  const cache = new BoundaryCache(
    () => [linkedWs],
    () => undefined,
  );
  assert.equal((await cache.check(path.join(linkedWs, 'refs', 'in.png'))).inside, true);
  assert.equal((await cache.check(path.join(linkedWs, 'refs', 'link-out.png'))).inside, false);
});

test('thumbnails: a link retargeted outside is noticed at the next look, and announced', async () => {
  const link = path.join(ws, 'refs', 'moving.png');
  fs.symlinkSync(path.join(ws, 'refs', 'in.png'), link);
  let changes = 0;
  const cache = new BoundaryCache(
    () => [ws],
    () => changes++,
  );
  assert.equal(cache.get(link), undefined, 'no answer before the first check');
  assert.equal((await cache.check(link)).inside, true);
  const afterFirst = changes;
  assert.ok(afterFirst >= 1, 'the first answer is announced');
  assert.equal(cache.get(link)?.inside, true);
  fs.unlinkSync(link);
  fs.symlinkSync(path.join(outside, 'secret.png'), link);
  assert.equal((await cache.check(link)).inside, false);
  assert.equal(cache.get(link)?.inside, false);
  assert.ok(changes > afterFirst, 'the change is announced');
});

test('cost view: a motion-control video is measured inside, never read through a link pointing outside', async () => {
  const inside = await videoSecondsInside(path.join(ws, 'refs', 'in.mp4'), [ws]);
  assert.ok(inside && Math.abs(inside.seconds - 2) < 0.2, `measured ${inside?.seconds}`);
  assert.equal(await videoSecondsInside(path.join(ws, 'refs', 'link-out.mp4'), [ws]), undefined);
  assert.equal(await videoSecondsInside(path.join(ws, 'dir-out', 'secret.mp4'), [ws]), undefined);
  assert.equal(await videoSecondsInside(path.join(outside, 'secret.mp4'), [ws]), undefined);
});

test('remote previews: trusted by default, "always" and "never", and the one-click override', () => {
  assert.equal(parseRemotePreviews(undefined), 'trusted');
  assert.equal(parseRemotePreviews('bogus'), 'trusted');
  assert.equal(remoteBlocked('trusted', true, false), undefined);
  assert.equal(remoteBlocked('trusted', false, false), 'untrusted');
  assert.equal(remoteBlocked('always', false, false), undefined);
  assert.equal(remoteBlocked('never', true, false), 'setting');
  assert.equal(remoteBlocked('never', false, true), undefined);
  assert.equal(remoteBlocked('trusted', false, true), undefined);
});
