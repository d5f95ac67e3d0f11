// claimUnfinished against real files and real processes: the lock first, then the record as it is
// now, so a take another process finished after the listing is left alone, and a take that stopped
// before fal replied is retired to `unknown` once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  acquireTakeLock,
  claimUnfinished,
  findUnfinished,
  listTakeRecords,
  lockPathFor,
  uncertainLatestOf,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';
import { tempDir } from '../client/helpers';

const when = '2026-03-14T09:15:02.123Z';
const record = (over: Partial<TakeRecord> = {}): TakeRecord => ({
  version: 1,
  id: 'take-1',
  endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
  body: { prompt: 'x' },
  status: 'queued',
  requestId: 'r1',
  createdAt: when,
  updatedAt: when,
  ...over,
});
const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** A live process of this host holding the record's lock, as another window or CLI run would. */
async function heldByLiveProcess(recordPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise(r => child.once('spawn', r));
  await writeFile(lockPathFor(recordPath), JSON.stringify({ pid: child.pid, host: hostname(), nonce: 'other', at: when }));
  return child;
}
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise(r => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

test('claimUnfinished: a take that turned done between the listing and the claim is not claimed, its record untouched', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'hero.1.take.json');
    await writeTakeRecord(path, record());
    const [listed] = await findUnfinished([dir]);
    assert.equal(listed?.record.status, 'queued');
    // Another process lands the take after the listing.
    await writeTakeRecord(path, record({ status: 'done', sha256: 'ab', updatedAt: '2026-03-14T09:20:00.000Z' }));
    const before = await readFile(path, 'utf8');
    const c = await claimUnfinished(listed!.path);
    assert.equal(c.kind, 'final');
    assert.equal(await readFile(path, 'utf8'), before, 'the done record is byte for byte as it was');
    assert.equal(await exists(lockPathFor(path)), false, 'the lock was released');
  } finally {
    await cleanup();
  }
});

test('claimUnfinished: a take with a request id is claimed from what is on disk now, its lock held', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'hero.1.take.json');
    await writeTakeRecord(path, record());
    await writeTakeRecord(path, record({ status: 'running', updatedAt: '2026-03-14T09:16:00.000Z' }));
    const c = await claimUnfinished(path);
    assert.equal(c.kind, 'claimed');
    if (c.kind !== 'claimed') return;
    assert.equal(c.record.status, 'running');
    assert.equal(await acquireTakeLock(path, { isAlive: () => true }), undefined, 'held while followed');
    await c.lock.release();
    assert.equal(await exists(lockPathFor(path)), false);
  } finally {
    await cleanup();
  }
});

test('claimUnfinished: a live owner makes it busy, even for a record without a request id (left as it is)', async () => {
  const { dir, cleanup } = await tempDir();
  const path = join(dir, 'hero.1.take.json');
  await writeTakeRecord(path, record({ status: 'submitting', requestId: undefined }));
  const owner = await heldByLiveProcess(path);
  try {
    const before = await readFile(path, 'utf8');
    assert.equal((await claimUnfinished(path)).kind, 'busy');
    assert.equal(await readFile(path, 'utf8'), before);
  } finally {
    await kill(owner);
    await cleanup();
  }
});

test('claimUnfinished: a submit that stopped before fal replied is recorded unknown once, then final', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'hero.1.take.json');
    await writeTakeRecord(path, record({ status: 'submitting', requestId: undefined }));
    const c = await claimUnfinished(path, { now: () => new Date('2026-03-14T10:00:00.000Z') });
    assert.equal(c.kind, 'uncertain');
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as TakeRecord;
    assert.equal(onDisk.status, 'unknown');
    assert.equal(onDisk.error?.kind, 'submit-uncertain');
    assert.match(onDisk.error?.message ?? '', /may or may not exist .*fal dashboard/);
    assert.equal(onDisk.phaseAt?.unknown, '2026-03-14T10:00:00.000Z');
    assert.equal(await exists(lockPathFor(path)), false);
    assert.equal((await claimUnfinished(path)).kind, 'final', 'told once: the next claim finds it final');
    assert.deepEqual(await findUnfinished([dir]), []);
  } finally {
    await cleanup();
  }
});

test('claimUnfinished with wait: claimed once the live owner is gone, from the record it left', async () => {
  const { dir, cleanup } = await tempDir();
  const path = join(dir, 'hero.1.take.json');
  await writeTakeRecord(path, record());
  const owner = await heldByLiveProcess(path);
  try {
    let settled = false;
    const claim = claimUnfinished(path, { wait: { intervalMs: 10 } }).finally(() => (settled = true));
    // The owner moves the take on before it dies: the claim must see that, not the first listing.
    await writeTakeRecord(path, record({ status: 'downloading', updatedAt: '2026-03-14T09:18:00.000Z' }));
    assert.equal(settled, false, 'still waiting while the owner lives');
    await kill(owner);
    const c = await claim;
    assert.equal(c.kind, 'claimed');
    if (c.kind === 'claimed') {
      assert.equal(c.record.status, 'downloading');
      await c.lock.release();
    }
  } finally {
    await kill(owner);
    await cleanup();
  }
});

test('uncertainLatestOf: newest by createdAt, not by name (a take made in the same second gets a -2 name that sorts first)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const uncertain = record({
      id: 'old',
      status: 'unknown',
      requestId: undefined,
      requestKey: 'k',
      error: { kind: 'submit-uncertain', message: 'may or may not exist' },
    });
    await writeTakeRecord(join(dir, 'boat.20260314-091502.take.json'), uncertain);
    assert.equal(uncertainLatestOf(await listTakeRecords(dir), 'k')?.record.id, 'old', 'alone, it blocks');
    assert.equal(uncertainLatestOf(await listTakeRecords(dir), 'other-request'), undefined, 'only its own request');
    // --new in the same second: the name sorts before the uncertain one, the record is newer.
    await writeTakeRecord(
      join(dir, 'boat.20260314-091502-2.take.json'),
      record({ id: 'new', status: 'done', requestKey: 'k', createdAt: '2026-03-14T09:15:02.900Z' }),
    );
    assert.equal(uncertainLatestOf(await listTakeRecords(dir), 'k'), undefined, 'a newer take of the request lifts it');
  } finally {
    await cleanup();
  }
});
