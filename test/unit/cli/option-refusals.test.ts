// `kling generate` and `kling resume` refuse options that would send a take nowhere, saying what
// is wrong (exit 2), before anything is recorded or submitted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kling, project, records } from './helpers/kling-process';
import { killLeftoverRuns } from '../../kit/cli';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-refusals-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

describe('kling generate refuses options that would send a take nowhere', () => {
  const cases: [string, string[], RegExp][] = [
    ['--takes -1', ['--takes', '-1'], /--takes must be a whole number from 1 to 4, not '-1'/],
    ['--takes=-1', ['--takes=-1'], /--takes must be a whole number from 1 to 4, not '-1'/],
    ['--takes 0', ['--takes', '0'], /--takes must be a whole number from 1 to 4, not '0'/],
    ['--takes 5', ['--takes', '5'], /--takes must be a whole number from 1 to 4, not '5'/],
    ['--takes 1.5', ['--takes', '1.5'], /--takes must be a whole number from 1 to 4, not '1\.5'/],
    ['--takes 2e0', ['--takes', '2e0'], /--takes must be a whole number from 1 to 4, not '2e0'/],
    ['--concurrency -3', ['--concurrency', '-3'], /--concurrency must be a whole number from 1 to 64, not '-3'/],
    ['--queue-url file:///', ['--queue-url', 'file:///'], /--queue-url must be an http: or https: URL, not 'file:\/\/\/'/],
    ['--queue-url not a url', ['--queue-url', 'queue.fal.run'], /--queue-url must be an http: or https: URL, not 'queue\.fal\.run'/],
    [
      '--storage-url ftp://',
      ['--storage-url', 'ftp://127.0.0.1/'],
      /--storage-url must be an http: or https: URL, not 'ftp:\/\/127\.0\.0\.1\/'/,
    ],
  ];
  for (const [name, flags, message] of cases) {
    test(`${name}: exit 2, the reason, nothing recorded`, async () => {
      const p = await project(base, `refuse-${name.replace(/\W+/g, '-')}`);
      const r = await kling(['generate', p.shot, '--out', p.out, ...flags], { cwd: p.dir }).done;
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /ambiguous/);
      assert.deepEqual(await records(p.out), [], 'no take record');
    });
  }

  test('kling resume: --queue-url file:/// is refused the same way', async () => {
    const r = await kling(['resume', base, '--queue-url', 'file:///'], { cwd: base }).done;
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /--queue-url must be an http: or https: URL, not 'file:\/\/\/'/);
  });
});

test('kling resume without FAL_KEY says why it needs one, and offers no --simulator it does not have', async () => {
  const r = await kling(['resume', base], { cwd: base, env: { FAL_KEY: '' } }).done;
  assert.equal(r.code, 2);
  assert.match(r.err, /FAL_KEY is not set: it is sent to the queue the takes were submitted to/);
  assert.doesNotMatch(r.err, /or use --simulator/);
});
