// The take lock against real files and real processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, access, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { acquireTakeLock, lockPathFor, waitForTakeLock } from '../../../src/takes';
import { bundleScript } from '../../kit/node-script';
import { waitFor } from '../../kit/wait-for';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kling-lock-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

test('one holder at a time; release lets the next one in', () =>
  withDir(async dir => {
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

test('a lock held by another live process is respected; once it dies the lock is taken over', () =>
  withDir(async dir => {
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
    assert.ok(taken, "a dead owner's lock is taken over");
    assert.equal(JSON.parse(await readFile(lockPathFor(rec), 'utf8')).pid, process.pid);
    await taken.release();
  }));

test('a lock from another host is trusted until it is old; garbage is stale', () =>
  withDir(async dir => {
    const rec = join(dir, 'c.take.json');
    const at = new Date('2026-01-01T00:00:00Z');
    await writeFile(lockPathFor(rec), JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'n', at: at.toISOString() }));
    assert.equal(await acquireTakeLock(rec, { now: () => at.getTime() + 60_000 }), undefined);
    const late = await acquireTakeLock(rec, { now: () => at.getTime() + 3 * 3600_000 });
    assert.ok(late);
    await late.release();
    await writeFile(lockPathFor(rec), '{"pid":');
    assert.equal(await acquireTakeLock(rec), undefined, 'fresh garbage may be a lock being written: respected');
    const old = new Date(Date.now() - 5 * 60_000);
    await utimes(lockPathFor(rec), old, old);
    const overGarbage = await acquireTakeLock(rec);
    assert.ok(overGarbage, 'old garbage is stale');
    await overGarbage.release();
  }));

test('a half-written (empty) fresh lock is respected; an empty lock with an old mtime is taken over', () =>
  withDir(async dir => {
    const rec = join(dir, 'g.take.json');
    await writeFile(lockPathFor(rec), '');
    assert.equal(await acquireTakeLock(rec), undefined);
    assert.equal(await readFile(lockPathFor(rec), 'utf8'), '', 'the half-written lock was left alone');
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPathFor(rec), old, old);
    const lock = await acquireTakeLock(rec);
    assert.ok(lock);
    assert.equal(JSON.parse(await readFile(lockPathFor(rec), 'utf8')).nonce !== undefined, true);
    await lock.release();
    assert.deepEqual(await readdir(dir), [], 'no temp or stale files left behind');
  }));

test('a live pid whose start time differs (pid reused) does not hold the lock', { skip: process.platform !== 'linux' }, () =>
  withDir(async dir => {
    const rec = join(dir, 'h.take.json');
    await writeFile(
      lockPathFor(rec),
      JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'old', at: new Date().toISOString(), start: '1' }),
    );
    const lock = await acquireTakeLock(rec);
    assert.ok(lock, "the recorded start time is not this process's: the owner is gone");
    await lock.release();
  }),
);

const takeLockModule = resolve('src/takes/store/take-lock.ts');

/** Starts n processes that all wait for `go`, then try to take the lock at once and keep what they got. */
async function race(dir: string, rec: string, n: number): Promise<{ won: number; pids: number[] }> {
  const script = join(dir, 'racer.ts');
  const go = join(dir, 'go');
  await writeFile(
    script,
    `
    import { existsSync } from 'node:fs';
    import { acquireTakeLock } from ${JSON.stringify(takeLockModule)};
    process.stdout.write('ready\\n');
    const t = setInterval(async () => {
      if (!existsSync(${JSON.stringify(go)})) return;
      clearInterval(t);
      const lock = await acquireTakeLock(${JSON.stringify(rec)});
      process.stdout.write((lock ? 'won' : 'lost') + '\\n');
      process.stdin.resume(); // hold whatever we got until the test closes stdin
      process.stdin.on('end', () => process.exit(0));
    }, 1);
  `,
  );
  const bundle = await bundleScript(script, dir);
  const children = Array.from({ length: n }, () => spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outs = children.map(() => '');
  /** Resolves once every racer has said `word` (each one's output is followed as it comes). */
  const allSaid = (word: string) =>
    Promise.all(
      children.map(
        (c, i) =>
          new Promise<void>((res, rej) => {
            const check = () => {
              if (outs[i]!.includes(word) || (word === 'result' && /won|lost/.test(outs[i]!))) res();
            };
            c.stdout!.on('data', (d: Buffer) => {
              outs[i] += d.toString();
              check();
            });
            c.once('exit', code => {
              check();
              rej(new Error(`racer exited (${code}): ${outs[i]}`));
            });
            check();
          }),
      ),
    );
  try {
    await allSaid('ready');
    await writeFile(go, '');
    await allSaid('result');
    return {
      won: outs.filter(o => o.includes('won')).length,
      pids: children.flatMap((c, i) => (outs[i]!.includes('won') ? [c.pid!] : [])),
    };
  } finally {
    await Promise.all(
      children.map(
        c =>
          new Promise(r => {
            c.once('exit', r);
            c.stdin!.end();
          }),
      ),
    );
  }
}

test('20 processes racing for one stale lock (dead owner): exactly one wins', { timeout: 60_000 }, () =>
  withDir(async dir => {
    const rec = join(dir, 'r.take.json');
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise(r => dead.once('exit', r));
    await writeFile(lockPathFor(rec), JSON.stringify({ pid: dead.pid, host: hostname(), nonce: 'dead', at: new Date().toISOString() }));
    const { won, pids } = await race(dir, rec, 20);
    assert.equal(won, 1);
    assert.equal(JSON.parse(await readFile(lockPathFor(rec), 'utf8')).pid, pids[0], 'the lock file names the winner');
    assert.deepEqual(
      (await readdir(dir)).filter(n => /\.(tmp|stale)$/.test(n)),
      [],
      'no temp or stale files left behind',
    );
  }),
);

test('20 processes racing for one old unreadable lock: exactly one wins', { timeout: 60_000 }, () =>
  withDir(async dir => {
    const rec = join(dir, 's.take.json');
    await writeFile(lockPathFor(rec), '');
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPathFor(rec), old, old);
    const { won, pids } = await race(dir, rec, 20);
    assert.equal(won, 1);
    assert.equal(JSON.parse(await readFile(lockPathFor(rec), 'utf8')).pid, pids[0]);
  }),
);

test('release never removes a lock that someone else took over', () =>
  withDir(async dir => {
    const rec = join(dir, 'd.take.json');
    const mine = await acquireTakeLock(rec);
    assert.ok(mine);
    await writeFile(
      lockPathFor(rec),
      JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'someone-else', at: new Date().toISOString() }),
    );
    await mine.release();
    assert.equal(await exists(lockPathFor(rec)), true);
  }));

test('waitForTakeLock gets the lock once its holder releases it, and gives up on abort', () =>
  withDir(async dir => {
    const rec = join(dir, 'e.take.json');
    const held = await acquireTakeLock(rec);
    assert.ok(held);
    // Each time a waiter finds the lock held by this (live) process, it asks whether its owner lives.
    let refused = 0;
    const isAlive = (pid: number) => {
      refused++;
      return pid === process.pid;
    };
    let settled = false;
    const waiting = waitForTakeLock(rec, { intervalMs: 20, isAlive }).finally(() => (settled = true));
    await waitFor('the waiter to find the lock held', () => refused >= 1);
    assert.equal(settled, false, 'the waiter waits while the lock is held');
    await held.release();
    const got = await waiting;
    assert.ok(got, 'the waiter took over after the release');
    refused = 0;
    const ac = new AbortController();
    const blocked = waitForTakeLock(rec, { intervalMs: 20, signal: ac.signal, isAlive });
    await waitFor('the second waiter to find the lock held', () => refused >= 1);
    ac.abort();
    assert.equal(await blocked, undefined);
    await got.release();
  }));

test('the lock can be taken before the output folder exists', () =>
  withDir(async dir => {
    const lock = await acquireTakeLock(join(dir, 'renders', 'new', 'f.take.json'));
    assert.ok(lock);
    await lock.release();
  }));
