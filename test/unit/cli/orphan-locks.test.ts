// A take lock left on a name that never got its record (the run was killed after planning the
// take, here while it waited for a budget ledger another live process held) is removed by the next
// `kling resume` or `kling generate` in that folder; a kill during the upload (the record is there,
// reserved) leaves nothing behind either once `kling resume` has run. Real processes of the built
// CLI, killed with SIGKILL; every wait is on state (a lock file, a gate counter, an exit).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireTakeLock, LEDGER_LOCK_NAME } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { killed, kling, until } from './helpers/kling-process';
import { killLeftoverRuns } from '../../kit/cli';
import { leftovers, moneyProject, moneySim, rawTakes, unfinished, type MoneyProject } from './helpers/money';
import { uploadGate } from './helpers/upload-gate';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-orphan-locks-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

const recordNames = async (dir: string) => (await readdir(dir)).filter(n => n.endsWith('.take.json'));

/**
 * `kling generate a.kling.json --budget 10` killed while it waits for the project's ledger lock,
 * which this (live) test process holds: its take is planned (its lock is on disk) but has no
 * record. Returns the orphan lock's name.
 */
async function orphanLock(s: Simulator, p: MoneyProject): Promise<string> {
  const ledger = await acquireTakeLock(join(p.dir, LEDGER_LOCK_NAME));
  assert.ok(ledger, 'the test holds the ledger');
  try {
    const run = kling(['generate', 'a.kling.json', '--budget', '10'], { cwd: p.dir, sim: s });
    const lock = await until(
      'the take lock of the planned take',
      async () => (await readdir(p.out)).find(n => n.endsWith('.take.json.lock')),
      run,
    );
    await killed(run);
    assert.deepEqual(await recordNames(p.out), [], 'killed before its record was written');
    return lock;
  } finally {
    await ledger.release();
  }
}

describe('a take lock with no record, left by a killed run', () => {
  test('the next kling resume removes it', { timeout: 60_000 }, async () => {
    const s = await moneySim();
    try {
      const p = await moneyProject(base, 'resume', { names: ['a'] });
      const lock = await orphanLock(s, p);
      // The kill may also land between the lock's link and the removal of its temp file.
      assert.deepEqual(
        (await leftovers(p.out)).filter(n => !n.startsWith(`${lock}.`)),
        [lock],
      );
      const r = await kling(['resume', p.dir], { cwd: p.dir, sim: s }).done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.deepEqual(await leftovers(p.out), [], 'the orphan lock is gone');
      assert.equal(s.stats.submits, 0, 'nothing was sent');
    } finally {
      await s.close();
    }
  });

  test('the next kling generate in that folder (another shot) removes it and lands its own take', { timeout: 60_000 }, async () => {
    const s = await moneySim();
    try {
      const p = await moneyProject(base, 'generate', { names: ['a', 'b'] });
      await orphanLock(s, p);
      const r = await kling(['generate', 'b.kling.json'], { cwd: p.dir, sim: s }).done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.deepEqual(await leftovers(p.out), [], 'the orphan lock is gone, and the run left none of its own');
      assert.deepEqual(
        (await rawTakes(p.out)).map(t => [t.name.split('.')[0], t.status]),
        [['b', 'done']],
      );
    } finally {
      await s.close();
    }
  });
});

test('killed during its upload: the next kling resume leaves no lock and nothing unfinished', { timeout: 60_000 }, async () => {
  const s = await moneySim();
  const gate = await uploadGate(s);
  try {
    const p = await moneyProject(base, 'upload', { names: ['a'] });
    gate.hold = true;
    const run = kling(['generate', 'a.kling.json'], { cwd: p.dir, sim: s, storageUrl: gate.url });
    await until('the held upload', () => (gate.held === 1 ? true : undefined), run);
    await killed(run);
    await until('the gate to see the client gone', () => (gate.abandoned === 1 ? true : undefined));
    gate.release();
    assert.equal((await leftovers(p.out)).filter(n => n.endsWith('.take.json.lock')).length, 1, 'the kill left the take lock');
    const r = await kling(['resume', p.dir], { cwd: p.dir, sim: s }).done;
    assert.notEqual(r.code, null, r.err);
    assert.deepEqual(await leftovers(p.out), [], r.out + r.err);
    assert.deepEqual(unfinished(await rawTakes(p.out)), [], 'the dead run’s reservation is released');
    assert.equal(s.stats.submits, 0);
  } finally {
    gate.release();
    await gate.close();
    await s.close();
  }
});
