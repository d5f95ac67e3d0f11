// `kling models list|check` and live prices, against a real simulator on 127.0.0.1: it serves fal's
// Platform API routes from the registry, and a test makes fal's side drift through `sim.platform`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINTS } from '../../../src/core';
import { KEY, kling, project, records, sim, T2V } from './helpers/kling-process';
import { killLeftoverRuns, type Exit } from '../../kit/cli';

const I2V = 'fal-ai/kling-video/v3/standard/image-to-video';
let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-models-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

/** A cache folder of its own per test, so no test reads another's prices. */
const cacheOf = (name: string) => ({ KLING_CACHE_DIR: join(base, `cache-${name}`) });
const platform = (url: string) => ['--platform-url', `${url}/v1`];
const noKey = (r: Exit) => assert.ok(!`${r.out}${r.err}`.includes(KEY), 'the key is never printed');

test('kling models list prints every registry entry with its built-in and live price, labelled', { timeout: 120_000 }, async () => {
  const s = await sim();
  try {
    const r = await kling(['models', 'list', ...platform(s.url)], { cwd: base, env: cacheOf('list') }).done;
    assert.equal(r.code, 0, r.out + r.err);
    for (const e of ENDPOINTS) {
      assert.ok(r.out.includes(`${e.id}\n`), `lists ${e.id}`);
      assert.ok(r.out.includes(`${e.family} · ${e.tier} · ${e.kind}`));
      for (const a of e.aliases) assert.ok(r.out.includes(a), `lists the alias ${a}`);
    }
    assert.match(
      r.out,
      /fal-ai\/kling-video\/v3\/pro\/text-to-video\n.*\n.*\n {2}built-in \(\d{4}-\d{2}\): \$0\.112\/s sound off, \$0\.168\/s sound on, \$0\.196\/s with a voice\n {2}live \(fal, read \d{4}-\d{2}-\d{2}\): \$0\.112\/s sound off/,
    );
    assert.match(r.out, new RegExp(`${ENDPOINTS.length} endpoints; live prices: ${ENDPOINTS.length} read`));
    assert.ok(s.stats.platformCalls >= 1);
    noKey(r);
    const cache = await readFile(join(base, 'cache-list', 'prices.json'), 'utf8');
    assert.ok(!cache.includes(KEY), 'the key is not in the cache');
    assert.match(cache, /"unitPrice": 0\.112/);
  } finally {
    await s.close();
  }
});

test('kling models check exits 0 when fal publishes what the registry says', { timeout: 120_000 }, async () => {
  const s = await sim();
  try {
    const r = await kling(['models', 'check', ...platform(s.url)], { cwd: base, env: cacheOf('clean') }).done;
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`no drift: ${ENDPOINTS.length} endpoints match fal's published schemas and prices`));
    noKey(r);
  } finally {
    await s.close();
  }
});

test(
  'kling models check names each drift (a field added, an enum changed, a limit changed, a price changed) and exits 1',
  { timeout: 120_000 },
  async () => {
    const s = await sim();
    try {
      s.platform.schema(T2V, input => {
        const props = input.properties as Record<string, Record<string, unknown>>;
        props.camera_motion = { type: 'string' };
        props.aspect_ratio = { ...props.aspect_ratio, enum: ['16:9', '9:16', '1:1', '21:9'] };
        props.cfg_scale = { ...props.cfg_scale, maximum: 2 };
        delete props.shot_type;
      });
      s.platform.price(I2V, { unitPrice: 0.07 });
      const r = await kling(['models', 'check', ...platform(s.url)], { cwd: base, env: cacheOf('drift') }).done;
      assert.equal(r.code, 1, r.out + r.err);
      const block = (id: string) =>
        r.out
          .split('\n')
          .slice(r.out.split('\n').indexOf(`${id}:`))
          .join('\n');
      assert.match(block(T2V), /^fal-ai\/kling-video\/v3\/pro\/text-to-video:\n {2}- field added on fal: camera_motion\n/);
      assert.match(block(T2V), /field removed on fal: shot_type/);
      assert.match(block(T2V), /enum changed: aspect_ratio \(added "21:9"; removed none\)/);
      assert.match(block(T2V), /limit changed: cfg_scale maximum 1 → 2/);
      assert.match(block(I2V), /^fal-ai\/kling-video\/v3\/standard\/image-to-video:\n {2}- price changed: \$0\.084 → \$0\.07 per second/);
      assert.match(r.out, new RegExp(`2 of ${ENDPOINTS.length} endpoints differ`));
      noKey(r);

      // A price fal gives per video does not map onto a per-second rule: reported, never used.
      s.platform.reset();
      s.platform.price(I2V, { unitPrice: 0.5, unit: 'video' });
      const unit = await kling(['models', 'check', ...platform(s.url), '--format', 'json'], { cwd: base, env: cacheOf('drift') }).done;
      assert.equal(unit.code, 1, unit.out + unit.err);
      const json = JSON.parse(unit.out) as { drift: Record<string, unknown[]>; pricesChecked: boolean };
      assert.deepEqual(json.drift, { [I2V]: [{ kind: 'price-unit-changed', registry: 'second', fal: 'video' }] });
      assert.equal(json.pricesChecked, true);
    } finally {
      await s.close();
    }
  },
);

test('kling generate estimates with the live price and says so; offline, the cached price is used', { timeout: 180_000 }, async () => {
  const s = await sim();
  const env = cacheOf('generate');
  try {
    // fal raised V3 pro: $0.20/s sound off, so sound on moves by the same ratio ($0.168 → $0.30).
    s.platform.price(T2V, { unitPrice: 0.2 });
    const p = await project(base, 'live');
    const r = await kling(['generate', p.shot, '--out', p.out, ...platform(s.url)], { cwd: p.dir, sim: s, env }).done;
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /estimated cost: \$0\.90 for 1 new take \(prices: live \(fal, read \d{4}-\d{2}-\d{2}\)\)/);
    const [take] = await records(p.out);
    assert.equal(take?.record.costEstimateUsd, 0.9, '3 s × $0.30/s');
    assert.equal(take?.record.pricePerSecondUsd, 0.3);
    noKey(r);
  } finally {
    await s.close();
  }
  // fal's Platform API is gone (the simulator that served it is closed): the price read above is used.
  const queue = await sim();
  try {
    const p = await project(base, 'offline');
    const r = await kling(['generate', p.shot, '--out', p.out, ...platform(s.url)], { cwd: p.dir, sim: queue, env }).done;
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /estimated cost: \$0\.90 for 1 new take \(prices: live \(fal, read \d{4}-\d{2}-\d{2}\)\)/);
    assert.equal(queue.stats.platformCalls, 0);
    noKey(r);
  } finally {
    await queue.close();
  }
});

test(
  'without a Platform API the estimate says its prices are built-in; a refused key is named without the key',
  { timeout: 120_000 },
  async () => {
    const s = await sim();
    try {
      const p = await project(base, 'builtin');
      const r = await kling(['generate', p.shot, '--out', p.out], { cwd: p.dir, sim: s, env: cacheOf('builtin') }).done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /estimated cost: \$0\.50 for 1 new take \(prices: built-in \(\d{4}-\d{2}\)\)/);
      assert.equal(s.stats.platformCalls, 0);

      const wrong = 'a-wrong-key-0123456789abcdef';
      const refused = await kling(['models', 'list', ...platform(s.url)], { cwd: base, env: { ...cacheOf('refused'), FAL_KEY: wrong } })
        .done;
      assert.ok(!`${refused.out}${refused.err}`.includes(wrong), 'the refused key is never printed');
      assert.equal(s.stats.platformUnauthorized >= 1 || refused.code !== 0, true, refused.out + refused.err);
    } finally {
      await s.close();
    }
  },
);
