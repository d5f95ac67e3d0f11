// The take session's preparation and budget reservation, in one process against real files: local
// media inside the roots (symlinks resolved), motion-control priced from its video's length, and
// reservations that hold a budget, all or none, and are released when their process is gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeLedger, createMediaCache, estimateCost, periodStarts, scopeLedgers } from '../../../src/core';
import {
  planTake,
  prepareShot,
  readSpendRecords,
  readTakeRecord,
  reserveTakes,
  writeTakeRecord,
  type PreparedShot,
  type TakeRecord,
} from '../../../src/takes';

const repo = resolve(__dirname, '../../..');
let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-prepare-')));
});
after(() => rm(base, { recursive: true, force: true }));

async function project(name: string): Promise<string> {
  const dir = join(base, name);
  await mkdir(join(dir, 'refs'), { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  return dir;
}

test('prepare: media outside the roots (a ../ path, a symlink leading out, a missing file) is refused by name; inside is hashed', async () => {
  const dir = await project('boundary');
  await copyFile(join(repo, 'examples/refs/hero-start.png'), join(dir, 'refs/start.png'));
  await copyFile(join(repo, 'examples/refs/hero-start.png'), join(base, 'secret.png'));
  await symlink(join(base, 'secret.png'), join(dir, 'refs/link.png'));
  const text = (start: string) =>
    JSON.stringify({ endpoint: 'image-to-video', prompt: 'a lighthouse', duration: '5', start_image_url: start });
  const shotFile = join(dir, 'shot.kling.json');
  const ok = await prepareShot({
    shotFile,
    text: text('./refs/start.png'),
    roots: [dir],
    outputDir: join(dir, 'renders'),
    provider: 'fal',
  });
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal(ok.shot.localMedia.length, 1);
  assert.match(ok.shot.localMedia[0]!.sha256, /^[0-9a-f]{64}$/);
  for (const bad of ['./refs/link.png', '../secret.png', './refs/missing.png']) {
    const r = await prepareShot({ shotFile, text: text(bad), roots: [dir], outputDir: join(dir, 'renders'), provider: 'fal' });
    assert.equal(r.ok, false, bad);
    if (r.ok) continue;
    const all = [...r.problems, ...r.errors.map(e => e.message)].join('\n');
    assert.ok(all.includes(bad), `${bad} named in: ${all}`);
  }
  const none = await prepareShot({
    shotFile,
    text: text('./refs/start.png'),
    roots: [],
    noRoots: 'no root here',
    outputDir: dir,
    provider: 'fal',
  });
  assert.equal(none.ok, false);
  assert.ok(!none.ok && none.problems.includes('no root here'));
});

test('prepare: a motion-control shot is priced by its reference video, probed once, the same price the editor shows', async () => {
  const dir = await project('motion');
  await copyFile(join(repo, 'examples/refs/dance.mp4'), join(dir, 'refs/dance.mp4'));
  await copyFile(join(repo, 'examples/refs/dancer.png'), join(dir, 'refs/dancer.png'));
  await copyFile(join(repo, 'examples/refs/face-front.png'), join(dir, 'refs/face-front.png'));
  const text = await readFile(join(repo, 'examples/dance.kling.json'), 'utf8');
  const cache = createMediaCache();
  const p = await prepareShot({
    shotFile: join(dir, 'dance.kling.json'),
    text,
    roots: [dir],
    outputDir: join(dir, 'renders'),
    provider: 'fal',
    cache,
  });
  assert.ok(p.ok, JSON.stringify(p));
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(dir, 'refs/dance.mp4')]);
  const seconds = probe.status === 0 ? Number(String(probe.stdout).trim()) : 6;
  assert.equal(p.shot.endpoint.kind, 'motion-control');
  const expected = estimateCost(p.shot.endpoint, p.shot.body, undefined, {
    videoSeconds: seconds,
  });
  assert.ok(p.shot.price.usd !== undefined && p.shot.price.usd > 0, 'a motion-control shot has a price');
  assert.ok(Math.abs(p.shot.price.usd! - expected!.usd) < 0.01, `${p.shot.price.usd} vs ${expected!.usd}`);
  assert.equal(cache.size, 3, 'two images and the video, each probed once (by the media check)');
  const sim = await prepareShot({
    shotFile: join(dir, 'dance.kling.json'),
    text,
    roots: [dir],
    outputDir: dir,
    provider: 'simulator',
    cache,
  });
  assert.ok(
    sim.ok && sim.shot.price.usd === 0 && sim.shot.price.atFal?.usd === p.shot.price.usd,
    'simulated: $0, with the fal price beside it',
  );
});

/** A prepared 5 s text-to-video shot without sound ($0.56) in `dir`. */
async function fiveSeconds(dir: string, name: string): Promise<Extract<Awaited<ReturnType<typeof prepareShot>>, { ok: true }>> {
  const text = JSON.stringify({ prompt: 'p', duration: '5', generate_audio: false });
  const p = await prepareShot({ shotFile: join(dir, name), text, roots: [dir], outputDir: join(dir, 'renders'), provider: 'fal' });
  assert.ok(p.ok, JSON.stringify(p));
  return p;
}

async function reservedTake(dir: string, shot: PreparedShot, usd: number) {
  const planned = await planTake(join(dir, 'renders'), shot.shotFile);
  const at = new Date().toISOString();
  const record: TakeRecord = {
    version: 1,
    id: `t-${Math.random()}`,
    shotFile: shot.shotFile,
    endpointId: shot.endpointId,
    body: shot.body,
    status: 'reserved',
    createdAt: at,
    updatedAt: at,
    provider: 'fal',
    costEstimateUsd: usd,
  };
  return { planned, item: { recordPath: planned.recordPath, record, usd, scopes: [0] } };
}

test('reserve: a batch that does not fit is refused whole and writes nothing; one that fits holds the budget for the next', async () => {
  const dir = await project('reserve');
  const p = await fiveSeconds(dir, 'a.kling.json');
  const scope = { folders: [dir], budgets: { workspaceUsd: 1.2 } };
  const a = await reservedTake(dir, p.shot, 0.56);
  const b = await reservedTake(dir, p.shot, 0.56);
  const c = await reservedTake(dir, p.shot, 0.56);
  const three = await reserveTakes([a.item, b.item, c.item], [scope]);
  assert.equal(three.ok, false, '3 × $0.56 > $1.20');
  assert.deepEqual(await readdir(join(dir, 'renders')).then(n => n.filter(x => x.endsWith('.take.json'))), [], 'nothing written');
  const two = await reserveTakes([a.item, b.item], [scope]);
  assert.ok(two.ok);
  assert.equal((await readTakeRecord(a.planned.recordPath)).status, 'reserved');
  const again = await reserveTakes([c.item], [scope]);
  assert.equal(again.ok, false, 'the two live reservations hold the budget');
  assert.ok(!again.ok && /\$1\.12 spent/.test(again.refusal.message), !again.ok ? again.refusal.message : '');
  for (const t of [a, b, c]) await t.planned.lock.release();
});

test('reserve: a reservation whose process died is released (it costs nothing), not held forever', async () => {
  const dir = await project('phantom');
  const p = await fiveSeconds(dir, 'a.kling.json');
  // A reservation left by a process that is gone: its lock names a dead PID.
  const dead = await reservedTake(dir, p.shot, 0.56);
  await writeTakeRecord(dead.planned.recordPath, dead.item.record);
  await dead.planned.lock.release();
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const deadPid = Number(String(child.stdout));
  await writeFile(
    `${dead.planned.recordPath}.lock`,
    JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname(), nonce: 'n', at: new Date().toISOString() }),
  );
  const scope = { folders: [dir], budgets: { workspaceUsd: 0.6 } };
  const next = await reservedTake(dir, p.shot, 0.56);
  const r = await reserveTakes([next.item], [scope]);
  assert.ok(r.ok, !r.ok ? r.refusal.message : '');
  const released = await readTakeRecord(dead.planned.recordPath);
  assert.equal(released.status, 'failed');
  assert.equal(released.error?.kind, 'released');
  // The new reservation's process (this one) is alive: it holds, and the next one is refused.
  const third = await reservedTake(dir, p.shot, 0.56);
  assert.equal((await reserveTakes([third.item], [scope])).ok, false);
  await next.planned.lock.release();
  await third.planned.lock.release();
});

test("two folders: each budget is held against its own folder's takes and its own shots' part of the request", async () => {
  const one = await project('folder-one');
  const two = await project('folder-two');
  const text = JSON.stringify({ prompt: 'p', duration: '5', generate_audio: false });
  const a = await prepareShot({
    shotFile: join(one, 'a.kling.json'),
    text,
    roots: [one],
    outputDir: join(one, 'renders'),
    provider: 'fal',
  });
  const b = await prepareShot({
    shotFile: join(two, 'b.kling.json'),
    text,
    roots: [two],
    outputDir: join(two, 'renders'),
    provider: 'fal',
  });
  assert.ok(a.ok && b.ok);
  // $3 already spent in folder one, nothing in folder two.
  const spent = await reservedTake(one, a.shot, 3);
  await writeTakeRecord(spent.planned.recordPath, { ...spent.item.record, status: 'done', requestId: 'r1' });
  await spent.planned.lock.release();
  const scopes = [
    { folders: [one], budgets: { workspaceUsd: 4 }, name: one },
    { folders: [two], budgets: { workspaceUsd: 1, dailyUsd: 1 }, name: two },
  ];
  const ta = await reservedTake(one, a.shot, 0.56);
  const tb = await reservedTake(two, b.shot, 0.56);
  // Folder one: $3 + $0.56 ≤ $4; folder two: $0 + $0.56 ≤ $1, though the window's total ($4.12) would pass both.
  const fits = await reserveTakes([ta.item, { ...tb.item, scopes: [1] }], scopes);
  assert.ok(fits.ok, !fits.ok ? fits.refusal.message : '');
  // Two more in folder one pass its own budget, and the refusal names that folder and its figures.
  const more = [await reservedTake(one, a.shot, 0.56), await reservedTake(one, a.shot, 0.56)];
  const over = await reserveTakes(
    more.map(m => m.item),
    scopes,
  );
  assert.equal(over.ok, false);
  assert.ok(!over.ok && over.refusal.scope.name === one && over.refusal.spentUsd === 3.56 && over.refusal.requestUsd === 1.12);
  for (const t of [ta, tb, ...more]) await t.planned.lock.release();
});

test("several workspace folders: each folder's spend, as the status bar sums it, is what its budget is checked against", async () => {
  const one = await project('sum-one');
  const two = await project('sum-two');
  // Folder two names an absolute output folder outside both.
  const outTwo = await project('sum-out-two');
  const a = await fiveSeconds(one, 'a.kling.json');
  const b = await fiveSeconds(two, 'b.kling.json');
  const done = async (dir: string, shot: PreparedShot, usd: number, outputDir = join(dir, 'renders')) => {
    const planned = await planTake(outputDir, shot.shotFile);
    const at = new Date().toISOString();
    await writeTakeRecord(planned.recordPath, {
      version: 1,
      id: `t-${Math.random()}`,
      shotFile: shot.shotFile,
      endpointId: shot.endpointId,
      body: shot.body,
      status: 'done',
      requestId: `r-${Math.random()}`,
      createdAt: at,
      updatedAt: at,
      provider: 'fal',
      costEstimateUsd: usd,
    });
    await planned.lock.release();
  };
  await done(one, a.shot, 3);
  await done(two, b.shot, 0.5);
  await done(two, b.shot, 2, outTwo);
  const scopes = [
    { folder: one, folders: [one] },
    { folder: two, folders: [two, outTwo] },
  ];
  const { records } = await readSpendRecords([one, two, outTwo]);
  const periods = periodStarts(new Date());
  const shown = scopeLedgers(records, scopes, periods);
  const checked = await reserveTakes(
    [],
    scopes.map(s => ({ folders: s.folders, budgets: { workspaceUsd: 100 } })),
  );
  assert.deepEqual(
    scopes.map(s => shown.get(s.folder)!.workspace),
    checked.ledgers.map(l => l!.workspace),
  );
  assert.deepEqual(
    scopes.map(s => shown.get(s.folder)!.today.usd),
    [3, 2.5],
  );
  // The window's total holds every folder's takes, those in folder two's output folder included.
  assert.equal(
    computeLedger(
      records.map(r => r.record),
      periods,
    ).today.usd,
    5.5,
  );
});
