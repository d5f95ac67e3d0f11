// The shot editor's intent queue: keystrokes in a prompt are held until a pause and go into the
// document as one edit (one undo step); anything else flushes them first, in order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EditQueue, type QueuedIntent } from '../../../src/extension/common/edit-queue';
import type { ShotIntent } from '../../../src/core/edit';

function recorder() {
  const applied: ShotIntent[] = [];
  let idle = 0;
  // A pause that never comes on its own: the tests release explicitly, so nothing depends on time.
  const queue = new EditQueue(
    async (job: QueuedIntent) => {
      applied.push(job.intent);
    },
    () => idle++,
    10 * 60_000,
  );
  return { queue, applied, idleCount: () => idle };
}

const typed = (path: (string | number)[], value: string): QueuedIntent => ({ seq: 1, intent: { kind: 'set', path, value } });

describe('typing in a prompt', () => {
  test('a burst of keystrokes is one edit with the last text', async () => {
    const { queue, applied } = recorder();
    for (const v of ['h', 'he', 'hel', 'hell', 'hello']) queue.push(typed(['prompt'], v));
    assert.equal(queue.busy, true, 'held typing counts as busy');
    await Promise.resolve();
    assert.deepEqual(applied, [], 'nothing applied before the pause');
    await queue.whenIdle();
    assert.deepEqual(applied, [{ kind: 'set', path: ['prompt'], value: 'hello' }]);
    assert.equal(queue.busy, false);
  });

  test('another intent flushes the typed text first, then runs', async () => {
    const { queue, applied } = recorder();
    queue.push(typed(['multi_prompt', 0, 'prompt'], 'a fox'));
    queue.push({ seq: 2, intent: { kind: 'addShot' } });
    await queue.whenIdle();
    assert.deepEqual(
      applied.map(i => i.kind),
      ['set', 'addShot'],
    );
  });

  test('typing in another prompt applies the first one', async () => {
    const { queue, applied } = recorder();
    queue.push(typed(['multi_prompt', 0, 'prompt'], 'one'));
    queue.push(typed(['multi_prompt', 1, 'prompt'], 'two'));
    await queue.whenIdle();
    assert.deepEqual(
      applied.map(i => (i.kind === 'set' ? i.value : i.kind)),
      ['one', 'two'],
    );
  });

  test('a select (not a prompt) applies at once', async () => {
    const { queue, applied } = recorder();
    queue.push({ seq: 1, intent: { kind: 'set', path: ['aspect_ratio'], value: '9:16' } });
    await new Promise(r => setImmediate(r));
    assert.equal(applied.length, 1);
  });

  test('the pause releases the text by itself', async () => {
    const applied: ShotIntent[] = [];
    let resolveIdle!: () => void;
    const idle = new Promise<void>(r => (resolveIdle = r));
    const queue = new EditQueue(
      async job => {
        applied.push(job.intent);
      },
      () => resolveIdle(),
      5,
    );
    queue.push(typed(['prompt'], 'x'));
    queue.push(typed(['prompt'], 'xy'));
    await idle; // waits on the queue reporting idle, however long the pause takes here
    assert.deepEqual(applied, [{ kind: 'set', path: ['prompt'], value: 'xy' }]);
  });
});

describe('held typing is never lost', () => {
  test('release (blur, a change from outside, the editor closing) applies the text once, at once', async () => {
    const { queue, applied } = recorder();
    queue.push(typed(['prompt'], 'a boat'));
    queue.release();
    queue.release();
    await queue.whenIdle();
    assert.deepEqual(applied, [{ kind: 'set', path: ['prompt'], value: 'a boat' }]);
  });

  test('a save takes the held text over: the queue no longer applies it itself', async () => {
    const { queue, applied } = recorder();
    queue.push(typed(['prompt'], 'a boat'));
    const held = queue.takeHeld();
    assert.deepEqual(held?.intent, { kind: 'set', path: ['prompt'], value: 'a boat' });
    assert.equal(queue.busy, false);
    queue.release();
    await queue.whenIdle();
    assert.deepEqual(applied, [], 'applied by the save only, not twice');
  });

  test('a keystroke that arrives while the previous text is being applied goes in after it', async () => {
    const applied: string[] = [];
    let finishFirst!: () => void;
    let started!: () => void;
    const firstStarted = new Promise<void>(r => (started = r));
    const queue = new EditQueue(
      async job => {
        if (applied.length === 0) {
          started();
          await new Promise<void>(r => (finishFirst = r));
        }
        applied.push(job.intent.kind === 'set' ? String(job.intent.value) : job.intent.kind);
      },
      () => undefined,
      10 * 60_000,
    );
    queue.push(typed(['prompt'], 'a bo'));
    queue.release();
    await firstStarted;
    queue.push({ seq: 2, intent: { kind: 'set', path: ['prompt'], value: 'a boa' } });
    queue.push({ seq: 3, intent: { kind: 'set', path: ['prompt'], value: 'a boat' } });
    finishFirst();
    await queue.whenIdle();
    assert.deepEqual(applied, ['a bo', 'a boat']);
  });

  test('whenIdle (a command about to read the file) applies the held text before it resolves', async () => {
    const { queue, applied } = recorder();
    queue.push(typed(['negative_prompt'], 'blur'));
    await queue.whenIdle();
    assert.deepEqual(applied, [{ kind: 'set', path: ['negative_prompt'], value: 'blur' }]);
    assert.equal(queue.busy, false);
  });

  test('typing after a release is held again: the next pause is the next undo step', async () => {
    const { queue, applied, idleCount } = recorder();
    queue.push(typed(['prompt'], 'one'));
    await queue.whenIdle();
    queue.push(typed(['prompt'], 'one two'));
    await Promise.resolve();
    assert.equal(applied.length, 1, 'the second word waits for its own pause');
    assert.equal(queue.busy, true);
    await queue.whenIdle();
    assert.deepEqual(
      applied.map(i => (i.kind === 'set' ? i.value : i.kind)),
      ['one', 'one two'],
    );
    assert.equal(idleCount(), 2);
  });

  test('idle is not reported while text is still held', async () => {
    const { queue, idleCount } = recorder();
    queue.push({ seq: 1, intent: { kind: 'set', path: ['aspect_ratio'], value: '9:16' } });
    queue.push(typed(['prompt'], 'x'));
    await new Promise(r => setImmediate(r));
    assert.equal(idleCount(), 0, 'the webview is not sent a document that lacks the typed text as final');
    await queue.whenIdle();
    assert.equal(idleCount(), 1);
  });
});
