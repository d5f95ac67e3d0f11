// The webview host's ready handshake (src/extension/webview/ready-gate.ts): what must reach a page's
// script waits until it has said `ready`, in order; a page written again must say it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadyGate } from '../../../src/extension/webview/ready-gate';

test('held until ready, then sent in order; sent at once while ready; held again after a new page', () => {
  const sent: string[] = [];
  const gate = new ReadyGate<string>(m => sent.push(m));
  gate.post('a');
  gate.post('b');
  assert.deepEqual(sent, [], 'nothing before ready');
  gate.markReady();
  assert.deepEqual(sent, ['a', 'b']);
  gate.post('c');
  assert.deepEqual(sent, ['a', 'b', 'c'], 'at once while the page listens');
  gate.reset();
  gate.post('d');
  assert.deepEqual(sent, ['a', 'b', 'c'], 'a page being written again is not listening yet');
  gate.markReady();
  assert.deepEqual(sent, ['a', 'b', 'c', 'd']);
  gate.reset();
  gate.post('e');
  gate.clear();
  gate.markReady();
  assert.deepEqual(sent, ['a', 'b', 'c', 'd'], 'what waited is dropped when the page goes');
});
