// The trust boundary of "Continue from Last Frame": what the takes panel may send (a base64 PNG of
// bounded size, a known failure reason) and the host's bookkeeping of its decode requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FromTakes, ToTakes } from '../../../src/shared/takes-messages';
import { LAST_FRAME_MAX_BASE64 } from '../../../src/shared/last-frame-messages';
import { LastFrameError, LastFrameRequests } from '../../../src/extension/common/last-frame-requests';
import { ReadyGate } from '../../../src/extension/webview/ready-gate';
import type { GrabLastFrame } from '../../../src/shared/last-frame-messages';

test('a frame is accepted as base64 only, within the size bound; failures name a known reason', () => {
  const ok = (m: unknown) => FromTakes.safeParse(m).success;
  assert.ok(ok({ type: 'lastFrame', requestId: 'frame-1', png: 'iVBORw0KGgo=' }));
  assert.ok(!ok({ type: 'lastFrame', requestId: 'frame-1', png: '' }));
  assert.ok(!ok({ type: 'lastFrame', requestId: 'frame-1', png: 'data:image/png;base64,iVBOR' }));
  assert.ok(!ok({ type: 'lastFrame', requestId: 'frame-1', png: '<script>' }));
  assert.ok(!ok({ type: 'lastFrame', requestId: '', png: 'iVBO' }));
  assert.ok(!ok({ type: 'lastFrame', requestId: 'frame-1', png: 'A'.repeat(LAST_FRAME_MAX_BASE64 + 4) }));
  assert.ok(ok({ type: 'lastFrameFailed', requestId: 'frame-1', reason: 'decode', detail: 'MEDIA_ERR_SRC_NOT_SUPPORTED' }));
  assert.ok(!ok({ type: 'lastFrameFailed', requestId: 'frame-1', reason: 'other', detail: '' }));
  assert.ok(ok({ type: 'continueFromLastFrame', id: 'take-1' }));
  assert.ok(ToTakes.safeParse({ type: 'grabLastFrame', requestId: 'frame-1', src: 'https://file+.vscode-resource/x.mp4' }).success);
});

test('decode requests: queued until the webview is ready, answered by id, rejected when the panel goes', async () => {
  const posted: GrabLastFrame[] = [];
  // The webview host holds requests in its ReadyGate until the page says ready (postWhenReady).
  const gate = new ReadyGate<GrabLastFrame>(m => posted.push(m));
  const requests = new LastFrameRequests(m => gate.post(m));
  const first = requests.request('clip-a');
  assert.equal(posted.length, 0, 'nothing is posted before the webview said ready');
  gate.markReady();
  assert.deepEqual(
    posted.map(p => p.src),
    ['clip-a'],
  );
  const second = requests.request('clip-b');
  const third = requests.request('clip-c');
  requests.settle({ type: 'lastFrame', requestId: posted[0]!.requestId, png: Buffer.from('PNG bytes').toString('base64') });
  assert.equal(Buffer.from(await first).toString(), 'PNG bytes');
  requests.settle({ type: 'lastFrame', requestId: 'frame-999', png: 'AAAA' }); // unknown: ignored
  requests.settle({ type: 'lastFrameFailed', requestId: posted[1]!.requestId, reason: 'decode', detail: 'no decoder' });
  await assert.rejects(second, (e: unknown) => e instanceof LastFrameError && e.reason === 'decode' && e.message === 'no decoder');
  requests.dispose();
  await assert.rejects(third, (e: unknown) => e instanceof LastFrameError && e.reason === 'closed');
  await assert.rejects(requests.request('clip-d'), (e: unknown) => e instanceof LastFrameError && e.reason === 'closed');
});

test('a blank panel replaced by a new one hands over what it waits for; later requests go to the new one', async () => {
  const blankPosted: GrabLastFrame[] = [];
  const blank = new LastFrameRequests(m => new ReadyGate<GrabLastFrame>(x => blankPosted.push(x)).post(m)); // never ready
  const newPosted: GrabLastFrame[] = [];
  const gate = new ReadyGate<GrabLastFrame>(m => newPosted.push(m));
  const next = new LastFrameRequests(m => gate.post(m));
  const waiting = blank.request('clip-a');
  const poster = blank.request('clip-b', 'first');
  blank.handOver(next);
  blank.dispose(); // the blank panel closes: nothing it handed over is rejected
  const later = blank.request('clip-c');
  gate.markReady();
  assert.equal(blankPosted.length, 0);
  assert.deepEqual(
    newPosted.map(p => [p.src, p.at ?? 'last']),
    [
      ['clip-a', 'last'],
      ['clip-b', 'first'],
      ['clip-c', 'last'],
    ],
  );
  for (const [i, p] of newPosted.entries())
    next.settle({ type: 'lastFrame', requestId: p.requestId, png: Buffer.from(`PNG ${i}`).toString('base64') });
  assert.deepEqual(
    (await Promise.all([waiting, poster, later])).map(b => Buffer.from(b).toString()),
    ['PNG 0', 'PNG 1', 'PNG 2'],
  );
  next.dispose();
  await assert.rejects(blank.request('clip-d'), (e: unknown) => e instanceof LastFrameError && e.reason === 'closed');
});
