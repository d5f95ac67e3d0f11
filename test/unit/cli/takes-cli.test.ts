// `kling takes` as a real process: the JSON listing (newest first, paths, the circled take), select
// moving the circle, and clear errors for bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { runKling, type Exit } from '../../kit/cli';
import { withSimulator } from '../../kit/simulator';

const KEY = 'takes-cli-test-key';
let base: string;
before(async () => {
  base = await mkdtemp(join(tmpdir(), 'kling-takes-cli-'));
});
after(() => rm(base, { recursive: true, force: true }));

function kling(args: string[], cwd: string, command = 'takes'): Promise<Exit> {
  return runKling([command, ...args], { cwd, env: { FAL_KEY: KEY } }).done;
}

interface TakeListingJson {
  number: number;
  rating: number | null;
  note: string | null;
}

function record(shotFile: string, createdAt: string, extra: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat' },
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

describe('kling takes', () => {
  test('lists newest first as JSON; select moves the circle', async () => {
    const dir = join(base, 'list');
    await mkdir(dir, { recursive: true });
    const shot = join(dir, 'hero.kling.json');
    await writeFile(shot, '{ "prompt": "a paper boat" }\n');
    const out = join(dir, 'renders');
    const old = join(out, 'hero.20260101-100000.take.json');
    const mid = join(out, 'hero.20260101-110000.take.json');
    const neu = join(out, 'hero.20260101-120000.take.json');
    const phaseAt = {
      queued: '2026-01-01T10:00:01.000Z',
      running: '2026-01-01T10:00:05.000Z',
      downloading: '2026-01-01T10:01:07.000Z',
      done: '2026-01-01T10:01:08.500Z',
    };
    await writeTakeRecord(old, record(shot, '2026-01-01T10:00:00.000Z', { requestId: 'req-old', costEstimateUsd: 0.84, phaseAt }));
    await writeTakeRecord(neu, record(shot, '2026-01-01T12:00:00.000Z', { status: 'running', requestId: 'req-new' }));
    await writeTakeRecord(mid, record(shot, '2026-01-01T11:00:00.000Z', { status: 'failed' }));
    // Another shot's take in the same folder is not listed.
    await writeTakeRecord(
      join(out, 'villain.20260101-100000.take.json'),
      record(join(dir, 'villain.kling.json'), '2026-01-01T13:00:00.000Z'),
    );

    const first = await kling(['hero.kling.json', '--format', 'json'], dir);
    assert.equal(first.code, 0, first.err);
    assert.deepEqual(JSON.parse(first.out), [
      {
        number: 3,
        record: neu,
        clip: null,
        status: 'running',
        requestId: 'req-new',
        createdAt: '2026-01-01T12:00:00.000Z',
        circled: false,
        selected: false,
        rating: null,
        note: null,
        costUsd: null,
        simulated: false,
        atFalUsd: null,
        phaseAt: null,
        phaseMs: {},
      },
      {
        number: 2,
        record: mid,
        clip: null,
        status: 'failed',
        requestId: null,
        createdAt: '2026-01-01T11:00:00.000Z',
        circled: false,
        selected: false,
        rating: null,
        note: null,
        costUsd: null,
        simulated: false,
        atFalUsd: null,
        phaseAt: null,
        phaseMs: {},
      },
      {
        number: 1,
        record: old,
        clip: join(out, 'hero.20260101-100000.mp4'),
        status: 'done',
        requestId: 'req-old',
        createdAt: '2026-01-01T10:00:00.000Z',
        circled: false,
        selected: false,
        rating: null,
        note: null,
        costUsd: 0.84,
        simulated: false,
        atFalUsd: null,
        phaseAt,
        phaseMs: { queued: 4000, running: 62_000, downloading: 1500 },
      },
    ]);

    const sel = await kling(['select', 'renders/hero.20260101-100000.take.json'], dir);
    assert.equal(sel.code, 0, sel.err);
    assert.match(sel.out, /circled hero\.20260101-100000\.take\.json for hero\.kling\.json/);
    const afterOld = JSON.parse((await kling(['hero.kling.json', '--format', 'json'], dir)).out) as { record: string; selected: boolean }[];
    assert.deepEqual(
      afterOld.map(t => t.selected),
      [false, false, true],
    );

    assert.equal((await kling(['circle', mid], dir)).code, 0, '`circle` is the word; `select` stays as its older name');
    const text = await kling(['hero.kling.json'], dir);
    assert.equal(text.code, 0, text.err);
    const lines = text.out.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(
      lines.map(l => l.startsWith('*')),
      [false, true, false],
    );
    assert.match(lines[2]!, /^ {2}#1 {3}- {4}renders\/hero\.20260101-100000\.take\.json {2}done .*\$0\.84 {2}req-old$/);
    assert.deepEqual(JSON.parse(await readFile(join(out, 'hero.selection.json'), 'utf8')), {
      version: 1,
      take: 'hero.20260101-110000.take.json',
    });
  });

  test('--out names the folder; a shot with no takes lists none', async () => {
    const dir = join(base, 'out');
    await mkdir(dir, { recursive: true });
    const shot = join(dir, 'hero.kling.json');
    await writeFile(shot, '{}');
    const rec = join(dir, 'clips', 'hero.20260201-100000.take.json');
    await writeTakeRecord(rec, record(shot, '2026-02-01T10:00:00.000Z'));
    const listed = await kling([shot, '--out', 'clips', '--format', 'json'], dir);
    assert.deepEqual(
      (JSON.parse(listed.out) as { record: string }[]).map(t => t.record),
      [rec],
    );
    const none = await kling([shot, '--format', 'json'], dir);
    assert.equal(none.code, 0);
    assert.deepEqual(JSON.parse(none.out), []);
  });

  test('bad input: a clear one-line error, no stack trace, nothing circled', async () => {
    const dir = join(base, 'bad');
    await mkdir(join(dir, 'renders'), { recursive: true });
    await writeFile(join(dir, 'renders', 'hero.20260301-100000.take.json'), '{"half": ');
    const cases: [string[], number, RegExp][] = [
      [['missing.kling.json'], 1, /missing\.kling\.json: no such shot file/],
      [['select', 'renders/hero.20260301-100000.take.json'], 1, /is not JSON: Value expected at line 1, column 10; nothing was circled/],
      [['select', 'renders/nope.take.json'], 1, /nope\.take\.json: no such file/],
      [['select', 'hero.kling.json'], 1, /not a take record/],
      [['select'], 2, /select takes one take record/],
      [['hero.kling.json', '--format', 'yaml'], 2, /--format must be text or json/],
      [['--bogus'], 2, /Unknown option '--bogus'/],
    ];
    for (const [args, code, message] of cases) {
      const r = await kling(args, dir);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
    await assert.rejects(readFile(join(dir, 'renders', 'hero.selection.json')), { code: 'ENOENT' });
  });

  test('rate and note write the review into the record; the listing shows them; bad values are refused by name', async () => {
    const dir = join(base, 'review');
    await mkdir(dir, { recursive: true });
    const shot = join(dir, 'hero.kling.json');
    await writeFile(shot, '{ "prompt": "a paper boat" }\n');
    const rec = join(dir, 'renders', 'hero.20260401-100000.take.json');
    await writeTakeRecord(rec, record(shot, '2026-04-01T10:00:00.000Z', { requestId: 'req-1' }));
    const rel = 'renders/hero.20260401-100000.take.json';
    const rated = await kling(['rate', rel, '4'], dir);
    assert.equal(rated.code, 0, rated.err);
    assert.match(rated.out, /rated 4\/5 hero\.20260401-100000\.take\.json/);
    assert.equal((await kling(['note', rel, '  the wave breaks late  '], dir)).code, 0);
    const onDisk = JSON.parse(await readFile(rec, 'utf8')) as TakeRecord;
    assert.equal(onDisk.rating, 4);
    assert.equal(onDisk.note, 'the wave breaks late');
    assert.equal(onDisk.requestId, 'req-1', 'the rest of the record is kept');
    const listed = JSON.parse((await kling(['hero.kling.json', '--format', 'json'], dir)).out) as TakeListingJson[];
    assert.deepEqual(
      listed.map(t => [t.number, t.rating, t.note]),
      [[1, 4, 'the wave breaks late']],
    );
    const text = await kling(['hero.kling.json'], dir);
    assert.match(text.out, /^ {2}#1 {3}4\/5 {2}renders\/hero\.20260401-100000\.take\.json {2}done .*req-1 {2}"the wave breaks late"\n$/);

    const cases: [string[], number, RegExp][] = [
      [['rate', rel, '6'], 2, /rating must be a whole number from 1 to 5, not 6/],
      [['rate', rel, 'great'], 2, /rating must be a whole number from 1 to 5 \(or none\), not 'great'/],
      [['rate', rel], 2, /rate takes a take record and 1-5/],
      [['note', 'renders/nope.take.json', 'x'], 1, /nope\.take\.json: no such file; nothing was written/],
      [['rate', 'hero.kling.json', '3'], 1, /not a take record/],
    ];
    for (const [args, code, message] of cases) {
      const r = await kling(args, dir);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
    assert.equal((JSON.parse(await readFile(rec, 'utf8')) as TakeRecord).rating, 4, 'a refused rating changes nothing');
    assert.equal((await kling(['rate', rel, 'none'], dir)).code, 0);
    assert.equal((await kling(['note', rel, ''], dir)).code, 0);
    const cleared = JSON.parse(await readFile(rec, 'utf8')) as TakeRecord;
    assert.equal(cleared.rating, undefined);
    assert.equal(cleared.note, undefined);
  });

  test('kling generate --takes 3: three paid takes of one shot, one cost line for all, then listed', { timeout: 120_000 }, async () => {
    const dir = join(base, 'three');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{}');
    await writeFile(
      join(dir, 'kite.kling.json'),
      JSON.stringify({ endpoint: 'fal-ai/kling-video/v3/pro/text-to-video', prompt: 'a kite', duration: '3', generate_audio: false }),
    );
    await withSimulator({ keys: [KEY] }, async sim => {
      const r = await kling(['kite.kling.json', '--takes', '3', '--queue-url', sim.url, '--storage-url', sim.url], dir, 'generate');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /estimated cost: \$1\.01 for 3 new takes/);
      assert.match(r.out, /3 of 3 takes done/);
      assert.equal(sim.stats.submits, 3);
      const listed = JSON.parse((await kling(['kite.kling.json', '--format', 'json'], dir)).out) as {
        status: string;
        requestId: string;
        clip: string;
        phaseAt: Record<string, string>;
        phaseMs: Record<string, number>;
      }[];
      for (const t of listed) {
        // The CLI's own takes carry their phase stamps, and the listing turns them into lengths.
        assert.ok(t.phaseAt.queued && t.phaseAt.downloading && t.phaseAt.done, JSON.stringify(t.phaseAt));
        assert.equal(t.phaseMs.downloading, Date.parse(t.phaseAt.done) - Date.parse(t.phaseAt.downloading));
      }
      assert.deepEqual(
        listed.map(t => t.status),
        ['done', 'done', 'done'],
      );
      assert.equal(new Set(listed.map(t => t.requestId)).size, 3);
      assert.equal(new Set(listed.map(t => t.clip)).size, 3, 'three clips');
      assert.deepEqual(
        (listed as unknown as { number: number }[]).map(t => t.number),
        [3, 2, 1],
        'each take got its number when it was reserved, and the run kept it',
      );
      const numbers = await Promise.all((listed as unknown as { record: string }[]).map(t => readFile(t.record, 'utf8')));
      assert.ok(
        numbers.every(text => /"number": [123]/.test(text)),
        'stored in the records, not only derived',
      );

      const bad = await kling(['kite.kling.json', '--takes', '5', '--queue-url', sim.url], dir, 'generate');
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--takes must be a whole number from 1 to 4, not '5'/);
      assert.equal(sim.stats.submits, 3, 'a usage error submits nothing');
    });
  });
});
