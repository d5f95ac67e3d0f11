// The take store against real files: unique names under contention, never overwriting a take,
// atomic retried journal writes, the loud report of a write that fails after submit, and what
// resume finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import {
  findUnfinished,
  listTakeRecords,
  lockPathFor,
  planTake,
  readTakeRecord,
  recoveredRecord,
  requestKey,
  TakeJournal,
  unfinishedOf,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';
import { tempDir } from '../client/helpers';
import { bundleScript } from '../../kit/node-script';

const SHOT = '/project/hero.kling.json';
const when = new Date('2026-03-14T09:15:02.123Z');

function record(over: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id: 'take-1',
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'x' },
    status: 'submitting',
    createdAt: when.toISOString(),
    updatedAt: when.toISOString(),
    ...over,
  };
}

test('planTake: takes of one second get distinct names; a claimed, written or clipped name is never reused', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const a = await planTake(dir, SHOT, { now: when });
    const b = await planTake(dir, SHOT, { now: when });
    assert.equal(a.recordPath, join(dir, 'hero.20260314-091502.take.json'));
    assert.equal(b.recordPath, join(dir, 'hero.20260314-091502-2.take.json'), 'the first name is claimed by its lock');
    await writeTakeRecord(a.recordPath, record({ status: 'done' }));
    await a.lock.release();
    await writeFile(join(dir, 'hero.20260314-091502-3.mp4'), 'a clip with no record');
    const c = await planTake(dir, SHOT, { now: when });
    assert.equal(c.stamp, '20260314-091502-4', 'a finished record and a lone clip both keep their names');
    await Promise.all([b.lock.release(), c.lock.release()]);
  } finally {
    await cleanup();
  }
});

test('planTake: 8 processes planning the same shot in the same second get 8 distinct names', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const script = join(dir, 'planner.ts');
    await writeFile(
      script,
      `import { planTake } from ${JSON.stringify(resolve('src/takes/store/plan.ts'))};
      void planTake(${JSON.stringify(dir)}, ${JSON.stringify(SHOT)}, { now: new Date(${when.getTime()}) }).then(p => {
        process.stdout.write(p.recordPath);
        process.stdin.resume();
        process.stdin.on('end', () => p.lock.release().then(() => process.exit(0)));
      });`,
    );
    const bundle = await bundleScript(script, dir);
    const kids = Array.from({ length: 8 }, () => spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const names = await Promise.all(kids.map(k => new Promise<string>(r => k.stdout.on('data', (d: Buffer) => r(d.toString())))));
    kids.forEach(k => k.stdin.end('go'));
    await Promise.all(kids.map(k => new Promise(r => k.once('exit', r))));
    assert.equal(new Set(names).size, 8, names.join('\n'));
  } finally {
    await cleanup();
  }
});

test('planTake takes over the name of a dead planner that wrote nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const first = join(dir, 'hero.20260314-091502.take.json');
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise(r => child.once('exit', r));
    await writeFile(lockPathFor(first), JSON.stringify({ pid, host: hostname(), nonce: 'dead', at: when.toISOString() }));
    const p = await planTake(dir, SHOT, { now: when });
    assert.equal(p.recordPath, first);
    await p.lock.release();
  } finally {
    await cleanup();
  }
});

test('writeTakeRecord: atomic (no temp file left) and a write that cannot succeed fails after its retries', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'a.take.json');
    await writeTakeRecord(path, record());
    await writeTakeRecord(path, record({ status: 'queued', requestId: 'r1' }));
    assert.equal((await readTakeRecord(path)).status, 'queued');
    assert.deepEqual(await readdir(dir), ['a.take.json']);
    await writeFile(join(dir, 'blocker'), 'a file where a folder is expected');
    await assert.rejects(writeTakeRecord(join(dir, 'blocker', 'b.take.json'), record()), /EEXIST|ENOTDIR/);
  } finally {
    await cleanup();
  }
});

test('TakeJournal: a write that fails after submit is reported loudly with the id, the endpoint and the recovery command', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await writeFile(join(dir, 'out'), 'not a folder');
    const reports: string[] = [];
    const j = new TakeJournal(join(dir, 'out', 'a.take.json'), m => reports.push(m));
    await assert.rejects(j.write(record()));
    assert.equal(reports.length, 0, 'before submit there is nothing paid to report (the caller stops)');
    await assert.rejects(j.write(record({ status: 'queued', requestId: 'req-123' })), /ENOTDIR|EEXIST/);
    assert.equal(reports.length, 1);
    assert.match(reports[0]!, /req-123/);
    assert.match(reports[0]!, /fal-ai\/kling-video\/v3\/pro\/text-to-video/);
    assert.ok(
      reports[0]!.includes(
        `kling resume --request-id req-123 --endpoint fal-ai/kling-video/v3/pro/text-to-video --out ${join(dir, 'out')}`,
      ),
    );
    assert.equal(j.written, undefined);
  } finally {
    await cleanup();
  }
});

test('TakeJournal never overwrites the record of another take', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const path = join(dir, 'a.take.json');
    await writeTakeRecord(path, record({ id: 'finished', status: 'done' }));
    const j = new TakeJournal(path, () => undefined);
    await assert.rejects(j.write(record({ id: 'intruder' })), /belongs to another take/);
    assert.equal((await readTakeRecord(path)).id, 'finished');
    const own = new TakeJournal(path, () => undefined);
    await own.write(record({ id: 'finished', status: 'done', sha256: 'ab' }));
    assert.equal((await readTakeRecord(path)).sha256, 'ab', 'its own take may update it');
  } finally {
    await cleanup();
  }
});

test('findUnfinished and unfinishedOf: non-final takes below folders, and those of one request', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const key = requestKey('e', { prompt: 'x', duration: '5' });
    assert.equal(key, requestKey('e', { duration: '5', prompt: 'x' }), 'key order does not matter');
    assert.notEqual(key, requestKey('e', { prompt: 'x', duration: '5' }, { './a.png': 'ff' }), 'media content does');
    await mkdir(join(dir, 'a', 'renders'), { recursive: true });
    await mkdir(join(dir, 'node_modules', 'x'), { recursive: true });
    await writeTakeRecord(
      join(dir, 'a', 'renders', 'h.1.take.json'),
      record({ id: '1', status: 'queued', requestId: 'r', requestKey: key }),
    );
    await writeTakeRecord(join(dir, 'a', 'renders', 'h.2.take.json'), record({ id: '2', status: 'done', requestKey: key }));
    await writeTakeRecord(
      join(dir, 'a', 'renders', 'h.3.take.json'),
      record({ id: '3', status: 'running', requestId: 'q', requestKey: 'other' }),
    );
    await writeTakeRecord(join(dir, 'node_modules', 'x', 'n.take.json'), record({ id: 'n', status: 'queued', requestId: 'n' }));
    await writeFile(join(dir, 'a', 'renders', 'h.4.take.json'), '{ half a rec');
    assert.deepEqual(
      (await findUnfinished([dir])).map(t => t.record.id),
      ['1', '3'],
    );
    assert.deepEqual(
      unfinishedOf(await listTakeRecords(join(dir, 'a', 'renders')), key).map(t => t.record.id),
      ['1'],
    );
  } finally {
    await cleanup();
  }
});

test('recoveredRecord rebuilds the queue URLs of a request id', () => {
  const r = recoveredRecord({
    requestId: 'abc',
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    queueUrl: 'https://queue.fal.run/',
  });
  assert.equal(r.statusUrl, 'https://queue.fal.run/fal-ai/kling-video/requests/abc/status');
  assert.equal(r.responseUrl, 'https://queue.fal.run/fal-ai/kling-video/requests/abc');
  assert.equal(r.status, 'queued');
});
