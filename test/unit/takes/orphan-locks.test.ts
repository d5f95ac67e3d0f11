// removeOrphanLocks against real files and real processes: a lock whose owner was killed and whose
// record does not exist is removed; a live owner's lock (a planner about to write its record), a
// lock whose record exists (claims handle those) and a lock this process holds are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireTakeLock, lockPathFor, removeDeadLockTemps, removeOrphanLocks } from '../../../src/takes';

const ownedBy = (pid: number) => JSON.stringify({ pid, host: hostname(), nonce: `n${pid}`, at: new Date().toISOString() });

test('only the locks of dead owners with no record go', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-orphans-'));
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
  const dead = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const exited = new Promise(r => dead.once('exit', r));
    dead.kill('SIGKILL');
    await exited;
    const rec = (n: string) => join(dir, `${n}.20260101-100000.take.json`);
    await writeFile(lockPathFor(rec('orphan')), ownedBy(dead.pid!));
    await writeFile(lockPathFor(rec('planning')), ownedBy(live.pid!));
    await writeFile(lockPathFor(rec('recorded')), ownedBy(dead.pid!));
    await writeFile(rec('recorded'), '{}');
    const mine = await acquireTakeLock(rec('mine'));
    assert.ok(mine);

    assert.deepEqual(await removeOrphanLocks(dir), [rec('orphan')]);
    assert.deepEqual((await readdir(dir)).sort(), [
      'mine.20260101-100000.take.json.lock',
      'planning.20260101-100000.take.json.lock',
      'recorded.20260101-100000.take.json',
      'recorded.20260101-100000.take.json.lock',
    ]);
    await mine.release();
  } finally {
    live.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test("a lock's temp file goes once its writer is dead; a live writer's stays, and so does a file that only looks alike", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-orphans-'));
  const dead = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const exited = new Promise(r => dead.once('exit', r));
    dead.kill('SIGKILL');
    await exited;
    const lock = lockPathFor(join(dir, 'a.20260101-100000.take.json'));
    const temp = (nonce: string) => `${lock}.${nonce}.tmp`;
    // What a run killed between writing the temp file and removing it leaves: the lock (the link
    // was made) and its temp file with the same owner.
    await writeFile(lock, ownedBy(dead.pid!));
    await writeFile(temp('1b4e28ba-2fa1-41d2-883f-0016d3cca427'), ownedBy(dead.pid!));
    await writeFile(temp('6fa459ea-ee8a-4ca4-894e-db77e160355e'), ownedBy(process.pid));
    await writeFile(join(dir, 'notes.tmp'), ownedBy(dead.pid!));

    assert.equal(await removeDeadLockTemps(dir), 1);
    assert.deepEqual(await removeOrphanLocks(dir), [join(dir, 'a.20260101-100000.take.json')]);
    assert.deepEqual((await readdir(dir)).sort(), [
      'a.20260101-100000.take.json.lock.6fa459ea-ee8a-4ca4-894e-db77e160355e.tmp',
      'notes.tmp',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
