// The take lock against real files and real processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireTakeLock, lockPathFor, waitForTakeLock } from '../../../src/client';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kling-lock-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}
const exists = (p: string) => access(p).then(() => true, () => false);

test('one holder at a time; release lets the next one in', () => withDir(async dir => {
  const rec = join(dir, 'a.take.json');
  const first = await acquireTakeLock(rec);
  assert.ok(first, 'the first caller gets the lock');
  assert.equal(await acquireTakeLock(rec), undefined, 'a second caller (same live process) does not');
  await first.release();
  assert.equal(await exists(lockPathFor(rec)), false);
  const again = await acquireTakeLock(rec);
  assert.ok(again);
  await again.release();
}));

test('a lock held by another live process is respected; once it dies the lock is taken over', () => withDir(async dir => {
  const rec = join(dir, 'b.take.json');
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    await writeFile(lockPathFor(rec), JSON.stringify({ pid: child.pid, host: hostname(), nonce: 'other', at: new Date().toISOString() }));
    assert.equal(await acquireTakeLock(rec), undefined, 'the live owner keeps it');
  } finally {
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  const taken = await acquireTakeLock(rec);
  assert.ok(taken, 'a dead owner\'s lock is taken over');
  assert.equal(JSON.parse(await readFile(lockPathFor(rec), 'utf8')).pid, process.pid);
  await taken.release();
}));

test('a lock from another host is trusted until it is old; garbage is stale', () => withDir(async dir => {
  const rec = join(dir, 'c.take.json');
  const at = new Date('2026-01-01T00:00:00Z');
  await writeFile(lockPathFor(rec), JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'n', at: at.toISOString() }));
  assert.equal(await acquireTakeLock(rec, { now: () => at.getTime() + 60_000 }), undefined);
  const late = await acquireTakeLock(rec, { now: () => at.getTime() + 3 * 3600_000 });
  assert.ok(late);
  await late.release();
  await writeFile(lockPathFor(rec), '{"pid":');
  const overGarbage = await acquireTakeLock(rec);
  assert.ok(overGarbage);
  await overGarbage.release();
}));

test('release never removes a lock that someone else took over', () => withDir(async dir => {
  const rec = join(dir, 'd.take.json');
  const mine = await acquireTakeLock(rec);
  assert.ok(mine);
  await writeFile(lockPathFor(rec), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'someone-else', at: new Date().toISOString() }));
  await mine.release();
  assert.equal(await exists(lockPathFor(rec)), true);
}));

test('waitForTakeLock gets the lock once its holder releases it, and gives up on abort', () => withDir(async dir => {
  const rec = join(dir, 'e.take.json');
  const held = await acquireTakeLock(rec);
  assert.ok(held);
  const waiting = waitForTakeLock(rec, { intervalMs: 20 });
  setTimeout(() => { void held.release(); }, 100);
  const got = await waiting;
  assert.ok(got, 'the waiter took over after the release');
  const ac = new AbortController();
  const blocked = waitForTakeLock(rec, { intervalMs: 20, signal: ac.signal });
  setTimeout(() => ac.abort(), 60);
  assert.equal(await blocked, undefined);
  await got.release();
}));

test('the lock can be taken before the output folder exists', () => withDir(async dir => {
  const lock = await acquireTakeLock(join(dir, 'renders', 'new', 'f.take.json'));
  assert.ok(lock);
  await lock.release();
}));
