// A save or a command waits for the page's answer, so the keystrokes the page sent before it are in:
// it resolves on the answer to its own request, and never waits for a page that cannot answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageSync } from '../../../src/extension/webview/page-sync';

/** A page whose requests are collected, to be answered (or not) by the test. */
function page(listening = true, delivered = true) {
  const asked: number[] = [];
  const sync = new PageSync(
    msg => {
      asked.push(msg.id);
      return Promise.resolve(delivered);
    },
    () => listening,
    60_000,
  );
  return { sync, asked };
}

/** Whether `p` has settled once the tasks queued so far have run. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise(r => setImmediate(r));
  return done;
}

test('a request resolves on the answer to it, not on the answer to another', async () => {
  const { sync, asked } = page();
  const first = sync.request();
  const second = sync.request();
  assert.deepEqual(asked, [1, 2]);
  sync.answered(2);
  assert.equal(await settled(second), true);
  assert.equal(await settled(first), false, 'the first request is still waiting for its own answer');
  sync.answered(99);
  assert.equal(await settled(first), false, 'an answer to no request changes nothing');
  sync.answered(1);
  assert.equal(await settled(first), true);
});

test('a page that is not listening is not asked and not waited for', async () => {
  const { sync, asked } = page(false);
  assert.equal(await settled(sync.request()), true);
  assert.deepEqual(asked, []);
});

test('a request the page never got is not waited for', async () => {
  const { sync, asked } = page(true, false);
  assert.equal(await settled(sync.request()), true);
  assert.deepEqual(asked, [1]);
});

test('a page that never answers is waited for only up to the limit', async () => {
  const sync = new PageSync(
    () => Promise.resolve(true),
    () => true,
    1,
  );
  await sync.request(); // resolves by the 1 ms limit; were there none, the test would time out
});

test('closing the editor lets every waiting save go on', async () => {
  const { sync } = page();
  const waiting = [sync.request(), sync.request()];
  sync.dispose();
  assert.deepEqual(await Promise.all(waiting.map(settled)), [true, true]);
});
