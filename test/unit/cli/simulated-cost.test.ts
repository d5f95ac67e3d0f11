// Takes made on the free simulator cost nothing: `kling takes` lists them at $0.00 (simulated), with
// what fal would have charged where the record has it, and
// `kling spend` counts them apart from fal's, with what fal would have charged for them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTakeRecord, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { priceTake } from '../../../src/takes/price';
import { resolveEndpoint } from '../../../src/core/registry';
import { kling, project, T2V } from './helpers/kling-process';
import { killLeftoverRuns } from '../../kit/cli';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-simulated-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

describe('kling takes: simulator takes are free', () => {
  function rec(id: string, shotFile: string, over: Partial<TakeRecord>): TakeRecord {
    const at = `2026-01-01T10:00:0${id}.000Z`;
    return {
      version: 1,
      id: `take-${id}`,
      shotFile,
      endpointId: T2V,
      body: { prompt: 'a paper boat', duration: '5' },
      status: 'done',
      requestId: `req-${id}`,
      createdAt: at,
      updatedAt: at,
      costEstimateUsd: 0.84,
      ...over,
    };
  }

  test('$0.00 (simulated) in text, costUsd 0 and simulated true in JSON; fal takes keep their price', async () => {
    const p = await project(base, 'free');
    const sim = join(p.out, 'boat.20260101-100001.take.json');
    const old = join(p.out, 'boat.20260101-100002.take.json');
    const fal = join(p.out, 'boat.20260101-100003.take.json');
    await writeTakeRecord(sim, rec('1', p.shot, { provider: 'simulator', atFalUsd: 0.84 }));
    // Written before the provider field: the loopback status URL says it was the simulator.
    await writeTakeRecord(old, rec('2', p.shot, { statusUrl: 'http://127.0.0.1:40123/fal-ai/kling-video/requests/req-2/status' }));
    await writeTakeRecord(fal, rec('3', p.shot, { provider: 'fal', billedUsd: 0.9 }));

    const json = await kling(['takes', p.shot, '--format', 'json'], { cwd: p.dir }).done;
    assert.equal(json.code, 0, json.err);
    const listed = JSON.parse(json.out) as { record: string; costUsd: number | null; simulated: boolean; atFalUsd: number | null }[];
    assert.deepEqual(
      listed.map(t => [t.record, t.costUsd, t.simulated, t.atFalUsd]),
      [
        [fal, 0.9, false, null],
        [old, 0, true, null],
        [sim, 0, true, 0.84],
      ],
    );

    const text = await kling(['takes', p.shot], { cwd: p.dir }).done;
    assert.equal(text.code, 0, text.err);
    const lines = text.out.trimEnd().split('\n');
    assert.match(lines[0]!, /100003\.take\.json {2}done .* {2}\$0\.90 {2}req-3$/);
    assert.match(lines[1]!, /100002\.take\.json {2}done .* {2}\$0\.00 \(simulated\) {2}req-2$/);
    // What fal would have charged is said where the record has it, never as the take's cost.
    assert.match(lines[2]!, /100001\.take\.json {2}done .* {2}\$0\.00 \(simulated, at fal prices: \$0\.84\) {2}req-1$/);
    assert.doesNotMatch(lines[1]!, /\$0\.84/);

    // kling spend counts the fal take only and lists the simulator's apart, free.
    const spend = await kling(['spend', p.out, '--format', 'json'], { cwd: p.dir }).done;
    assert.equal(spend.code, 0, spend.err);
    const s = JSON.parse(spend.out) as { totalUsd: number; takes: number; simulator: { takes: number } };
    assert.deepEqual([s.totalUsd, s.takes, s.simulator.takes], [0.9, 1, 2]);
  });
});

describe('kling spend: simulated takes at $0, and at fal prices', () => {
  test(
    'a simulated take keeps what fal would charge; spend shows $0 and "at fal prices", per sequence too',
    { timeout: 120_000 },
    async () => {
      const p = await project(base, 'offline-cut');
      const gen = await kling(['generate', p.shot, '--simulator', '--takes', '2', '--out', p.out], { cwd: p.dir }).done;
      assert.equal(gen.code, 0, gen.out + gen.err);
      await writeFile(join(p.dir, 'cut.kling-seq.json'), '{ "shots": [ "boat.kling.json", "boat.kling.json" ] }\n');

      // The one price rule of a take (src/takes/price.ts), as Generate used it: not a second computation.
      const body = JSON.parse(await readFile(p.shot, 'utf8')) as Record<string, unknown>;
      const each = Math.round(priceTake(resolveEndpoint(body), body, { provider: 'simulator' }).atFal!.usd * 1000) / 1000;
      assert.ok(each > 0);
      const names = (await readdir(p.out)).filter(n => n.endsWith('.take.json'));
      assert.equal(names.length, 2);
      for (const n of names) {
        const r = await readTakeRecord(join(p.out, n));
        assert.deepEqual([r.provider, r.costEstimateUsd, r.atFalUsd], ['simulator', undefined, each]);
      }

      // A simulated take recorded before fal prices were kept: counted, but not guessed at.
      await writeTakeRecord(join(p.out, 'boat.20260101-100009.take.json'), {
        version: 1,
        id: 'take-old',
        shotFile: p.shot,
        endpointId: T2V,
        body,
        status: 'done',
        requestId: 'req-old',
        createdAt: '2026-01-01T10:00:09.000Z',
        updatedAt: '2026-01-01T10:00:09.000Z',
        provider: 'simulator',
      });

      const json = await kling(['spend', '--format', 'json'], { cwd: p.dir }).done;
      assert.equal(json.code, 0, json.err);
      const s = JSON.parse(json.out) as {
        totalUsd: number;
        simulator: { takes: number; usd: number; atFalUsd: number; unpriced: number };
        bySequence: Record<string, number>;
        simulatorBySequence: Record<string, { takes: number; usd: number; atFalUsd: number }>;
      };
      const twice = Math.round(each * 2 * 100) / 100;
      assert.equal(s.totalUsd, 0, 'nothing spent');
      assert.deepEqual(s.simulator, { takes: 3, usd: 0, atFalUsd: twice, unpriced: 1 });
      assert.deepEqual(s.bySequence, { 'cut.kling-seq.json': 0 });
      assert.deepEqual(s.simulatorBySequence, { 'cut.kling-seq.json': { takes: 3, usd: 0, atFalUsd: twice } });

      const text = await kling(['spend'], { cwd: p.dir }).done;
      assert.equal(text.code, 0, text.err);
      const $ = (n: number) => `\\$${n.toFixed(2).replace('.', '\\.')}`;
      assert.match(text.out, /^total \$0\.00 over 0 fal takes$/m);
      assert.match(
        text.out,
        new RegExp(`^ +\\$0\\.00 {2}cut\\.kling-seq\\.json {2}\\+ simulator 3 takes at \\$0\\.00 · at fal prices: ${$(twice)}$`, 'm'),
      );
      assert.match(
        text.out,
        new RegExp(
          `^simulator: 3 takes at \\$0\\.00 \\(free\\) · at fal prices: ${$(twice)} \\(1 with no fal price recorded, not included\\)$`,
          'm',
        ),
      );
    },
  );
});
