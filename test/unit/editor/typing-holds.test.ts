// Commands that read a shot file first wait for the typing its editors hold, and only theirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdTyping, settleTyping } from '../../../src/extension/common/typing-holds';

const uri = (s: string) => ({ toString: () => s }) as unknown as import('vscode').Uri;

test('settleTyping waits for every editor of the file, not for other files', async () => {
  const settled: string[] = [];
  let finishB!: () => void;
  const a1 = holdTyping(uri('file:///a'), async () => void settled.push('a1'));
  const a2 = holdTyping(uri('file:///a'), () => new Promise<void>(r => (finishB = r)).then(() => void settled.push('a2')));
  const b = holdTyping(uri('file:///b'), async () => void settled.push('b'));
  const done = settleTyping(uri('file:///a'));
  await Promise.resolve();
  assert.deepEqual(settled, ['a1'], 'the slower editor is still applying its text');
  finishB();
  await done;
  assert.deepEqual(settled, ['a1', 'a2']);
  for (const d of [a1, a2, b]) d.dispose();
});

test('a closed editor is no longer waited for', async () => {
  let called = 0;
  const h = holdTyping(uri('file:///c'), async () => void called++);
  h.dispose();
  await settleTyping(uri('file:///c'));
  assert.equal(called, 0);
});
