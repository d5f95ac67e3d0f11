import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OneAtATime } from '../../../src/extension/one-at-a-time';

test('a burst of calls during a run makes exactly one more run, which sees the newest state', async () => {
  let state = 0;
  const seen: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>(r => (release = r));
  const runner = new OneAtATime(
    async () => {
      seen.push(state);
      if (seen.length === 1) await gate;
    },
    e => assert.fail(String(e)),
    () => false,
  );
  const first = runner.run();
  for (let i = 1; i <= 5; i++) {
    state = i;
    void runner.run();
  }
  release();
  await first;
  assert.deepEqual(seen, [0, 5]);
});

test('an error is reported and the next run still happens; nothing runs again once stopped', async () => {
  const errors: unknown[] = [];
  let runs = 0;
  let stopped = false;
  const runner = new OneAtATime(
    async () => {
      runs++;
      if (runs === 1) {
        runner.runAgain();
        throw new Error('disk gone');
      }
    },
    e => errors.push(e),
    () => stopped,
  );
  await runner.run();
  assert.equal(runs, 2);
  assert.equal((errors[0] as Error).message, 'disk gone');
  stopped = true;
  const again = new OneAtATime(
    async () => {
      runs++;
      again.runAgain();
    },
    () => undefined,
    () => stopped,
  );
  await again.run();
  assert.equal(runs, 3, 'a stopped owner gets the run already asked for, and no more');
});
