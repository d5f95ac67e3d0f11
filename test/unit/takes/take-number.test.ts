// Take numbers (#1, #2, …) per shot: given once by the reservation, under the output folder's
// ledger lock, so processes planning the same shot at once never share one; older records without
// a number are numbered by creation order when read, around the numbers stored records hold.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  acquireTakeLock,
  readTakeRecord,
  reviewTake,
  TakeBusyError,
  takesOfShot,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';
import { bundleScript } from '../../kit/node-script';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-number-')));
});
after(() => rm(base, { recursive: true, force: true }));

function record(shotFile: string, createdAt: string, extra: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id: `t-${createdAt}-${Math.random()}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'p' },
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

test('6 processes reserving takes of one shot at once get the numbers 1 to 6, each once', async () => {
  const dir = join(base, 'race');
  const out = join(dir, 'renders');
  await mkdir(out, { recursive: true });
  const shot = join(dir, 'hero.kling.json');
  const script = join(dir, 'reserver.ts');
  await writeFile(
    script,
    `import { planTake } from ${JSON.stringify(resolve('src/takes/store/plan.ts'))};
    import { reserveTakes } from ${JSON.stringify(resolve('src/takes/reserve.ts'))};
    process.stdin.once('data', async () => {
      const p = await planTake(${JSON.stringify(out)}, ${JSON.stringify(shot)});
      const at = new Date().toISOString();
      const record = { version: 1, id: 'id-' + process.pid, shotFile: ${JSON.stringify(shot)}, endpointId: 'e', body: {}, status: 'reserved', createdAt: at, updatedAt: at };
      const r = await reserveTakes([{ recordPath: p.recordPath, record, usd: 0, scopes: [] }], []);
      await p.lock.release();
      process.stdout.write(JSON.stringify({ ok: r.ok, path: p.recordPath, number: record.number }));
      process.exit(0);
    });
    process.stdout.write('ready');`,
  );
  const bundle = await bundleScript(script, dir);
  const kids = Array.from({ length: 6 }, () => spawn(process.execPath, [bundle], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const texts = kids.map(k => {
    let text = '';
    k.stdout.on('data', (d: Buffer) => (text += d.toString()));
    return { k, text: () => text };
  });
  // Every racer is loaded and waiting before any is let go, so they plan and reserve together.
  await Promise.all(kids.map(k => new Promise(r => k.stdout.once('data', r))));
  kids.forEach(k => k.stdin.write('go'));
  await Promise.all(kids.map(k => new Promise(r => k.once('exit', r))));
  const results = texts.map(t => JSON.parse(t.text().replace(/^ready/, '')) as { ok: boolean; path: string; number: number });
  assert.ok(results.every(r => r.ok));
  const onDisk = await Promise.all(results.map(r => readTakeRecord(r.path).then(rec => rec.number)));
  assert.deepEqual(
    [...onDisk].sort((a, b) => a! - b!),
    [1, 2, 3, 4, 5, 6],
    JSON.stringify(results),
  );
  assert.deepEqual(
    onDisk,
    results.map(r => r.number),
    'the record each process planned with carries the number it wrote',
  );
});

test('older records without a number are numbered by creation order around the stored numbers, the same on every read', async () => {
  const dir = join(base, 'old');
  const out = join(dir, 'renders');
  await mkdir(out, { recursive: true });
  const shot = join(dir, 'hero.kling.json');
  const other = join(dir, 'other.kling.json');
  // File names sort against creation order here, so the number cannot come from the name.
  await writeTakeRecord(join(out, 'hero.c.take.json'), record(shot, '2026-01-01T00:00:00.000Z'));
  await writeTakeRecord(join(out, 'hero.b.take.json'), record(shot, '2026-01-02T00:00:00.000Z'));
  await writeTakeRecord(join(out, 'hero.a.take.json'), record(shot, '2026-01-03T00:00:00.000Z', { number: 2 }));
  await writeTakeRecord(join(out, 'hero.d.take.json'), record(shot, '2026-01-04T00:00:00.000Z'));
  await writeTakeRecord(join(out, 'other.a.take.json'), record(other, '2025-01-01T00:00:00.000Z'));
  const read = async () => Object.fromEntries((await takesOfShot(out, shot)).map(t => [t.path.replace(/^.*\//, ''), t.number]));
  const first = await read();
  assert.deepEqual(first, { 'hero.c.take.json': 1, 'hero.b.take.json': 3, 'hero.a.take.json': 2, 'hero.d.take.json': 4 });
  assert.deepEqual(await read(), first);
  assert.deepEqual(
    (await takesOfShot(out, other)).map(t => t.number),
    [1],
    "another shot's takes count on their own",
  );
});

test('a review is not written while a live process follows the take: its journal owns the record', async () => {
  const dir = join(base, 'busy');
  const path = join(dir, 'hero.a.take.json');
  await writeTakeRecord(path, record(join(dir, 'hero.kling.json'), '2026-01-01T00:00:00.000Z', { status: 'running', number: 1 }));
  const lock = await acquireTakeLock(path);
  assert.ok(lock);
  await assert.rejects(
    reviewTake(path, { rating: 5 }),
    (e: unknown) => e instanceof TakeBusyError && /still being generated/.test(e.message),
  );
  assert.equal((await readTakeRecord(path)).rating, undefined);
  await lock.release();
  const written = await reviewTake(path, { rating: 5, note: 'keep' });
  assert.deepEqual([written.rating, written.note, written.number, written.status], [5, 'keep', 1, 'running']);
  assert.deepEqual(await readTakeRecord(path), written);
});
