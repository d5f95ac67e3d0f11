// `kling spend` and `kling generate --budget` end to end in child processes, against a simulator
// that counts what reaches it: a refused run must upload and submit nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { REPO, runKling, type Exit } from '../../kit/cli';
import { testSimulator, type Simulator } from '../../kit/simulator';

let dir: string;
let out: string;
let sim: Simulator;

/** `kling …` in the project folder (so relative paths are the user's), with no key or budget unless given. */
function kling(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  return runKling(args, { cwd: dir, env: { FAL_KEY: '', KLING_BUDGET_USD: '', ...env } }).done;
}

const now = new Date().toISOString();
function rec(id: string, over: Partial<TakeRecord>): TakeRecord {
  return {
    version: 1,
    id,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'x' },
    status: 'done',
    requestId: `req-${id}`,
    createdAt: now,
    updatedAt: now,
    shotFile: join(dir, 'hello.kling.json'),
    ...over,
  };
}

const onSim = (sim: Simulator) => ['--queue-url', sim.url, '--storage-url', sim.url, '--out', out];
const reached = () => ({
  submits: sim.stats.submitAttempts,
  uploads: sim.stats.storage.initiates + sim.stats.storage.multipartInitiates,
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-cli-spend-'));
  await cp(join(REPO, 'examples'), dir, { recursive: true });
  out = join(dir, 'renders');
  // $1.00 already spent on fal; a simulator take and a take that failed before its submit cost nothing.
  await writeTakeRecord(join(out, 'hello.20260101-000000.take.json'), rec('a', { costEstimateUsd: 1, provider: 'fal' }));
  await writeTakeRecord(
    join(out, 'hello.20260101-000001.take.json'),
    rec('b', { costEstimateUsd: 0.84, provider: 'simulator', statusUrl: 'http://127.0.0.1:1/x/requests/b/status' }),
  );
  await writeTakeRecord(
    join(out, 'hello.20260101-000002.take.json'),
    rec('c', { costEstimateUsd: 0.84, status: 'failed', requestId: undefined }),
  );
  sim = await testSimulator();
});
after(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kling generate --budget', () => {
  test('over the budget: exit 3, the figures, nothing uploaded or submitted', async () => {
    // $1.00 spent + $0.84 for hello > $1.50.
    const r = await kling(['generate', 'hello.kling.json', ...onSim(sim), '--budget', '1.5'], { FAL_KEY: 'k' });
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, /\$1\.00 spent in this workspace \+ \$0\.84 for this request > \$1\.50 budget/);
    assert.deepEqual(reached(), { submits: 0, uploads: 0 });
  });

  test('a batch is counted as a whole, up front: refused before the first upload', async () => {
    // hello alone ($0.84) would fit $2.50; with hero-elements ($0.76, local media to upload) it does not.
    const r = await kling(['generate', 'hello.kling.json', 'hero-elements.kling.json', ...onSim(sim), '--budget', '2.5'], { FAL_KEY: 'k' });
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, /\+ \$1\.60 for this request > \$2\.50 budget/);
    assert.deepEqual(reached(), { submits: 0, uploads: 0 });
  });

  test('KLING_BUDGET_USD applies when --budget is not given; a bad amount is a usage error', async () => {
    const r = await kling(['generate', 'hello.kling.json', ...onSim(sim)], { FAL_KEY: 'k', KLING_BUDGET_USD: '1.5' });
    assert.equal(r.code, 3, r.out + r.err);
    const bad = await kling(['generate', 'hello.kling.json', ...onSim(sim), '--budget', 'lots'], { FAL_KEY: 'k' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--budget must be an amount in USD \(e\.g\. 5 or 12\.50\), not 'lots'/);
    assert.deepEqual(reached(), { submits: 0, uploads: 0 });
  });

  test('variations are counted as a whole: one take fits, two do not, so none is uploaded or submitted', async () => {
    // $1.00 spent + $0.76 for one take of hero-elements (local media to upload) fits $2; two ($1.51) do not.
    const r = await kling(['generate', 'hero-elements.kling.json', '--takes', '2', ...onSim(sim), '--budget', '2'], { FAL_KEY: 'k' });
    assert.equal(r.code, 3, r.out + r.err);
    assert.match(r.err, /\$1\.00 spent in this workspace \+ \$1\.51 for this request > \$2\.00 budget/);
    assert.deepEqual(reached(), { submits: 0, uploads: 0 });
  });

  test('within the budget the take runs, and its billed amount joins the ledger', async () => {
    const r = await kling(['generate', 'hello.kling.json', ...onSim(sim), '--budget', '2'], { FAL_KEY: 'k' });
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(sim.stats.submits, 1);
    assert.equal((await readdir(out)).filter(n => n.endsWith('.take.json')).length, 4);
    // Now $1.84 is spent: the same run no longer fits $2.
    const again = await kling(['generate', 'hello.kling.json', ...onSim(sim), '--budget', '2'], { FAL_KEY: 'k' });
    assert.equal(again.code, 3, again.out + again.err);
    assert.equal(sim.stats.submits, 1);
  });
});

describe('kling spend', () => {
  test('--format json: fal takes only, per shot, simulator apart', async () => {
    const r = await kling(['spend', 'renders', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.totalUsd, 1.84);
    assert.equal(j.takes, 2);
    assert.deepEqual(j.byShot, { 'hello.kling.json': 1.84 });
    assert.deepEqual(j.bySequence, {}, 'no sequence file below renders/');
    assert.deepEqual(j.simulator, { takes: 1, usd: 0, atFalUsd: 0, unpriced: 1 }, 'a record from before fal prices were kept has none');
    assert.equal(j.today.usd, 1.84);
  });

  test('--since leaves older takes out; text output; usage errors exit 2', async () => {
    const later = await kling(['spend', '--since', '2999-01-01', '--format', 'json']);
    assert.equal(JSON.parse(later.out).totalUsd, 0);
    const text = await kling(['spend']);
    assert.match(text.out, /^total \$1\.84 over 2 fal takes/);
    assert.match(text.out, /simulator: 1 take at \$0\.00 \(free\)\n/);
    const bad = await kling(['spend', '--since', '2026-02-30']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--since must be a date YYYY-MM-DD, not '2026-02-30'/);
    const unknown = await kling(['spend', '--bogus']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /^kling spend: Unknown option '--bogus'\n/);
    assert.doesNotMatch(unknown.err, /To specify a positional argument/);
    assert.match(unknown.err, /usage: kling spend/);
  });

  test('bySequence: every fal take of the shots a sequence lists, simulator takes left out; text has a "by sequence" part', async () => {
    await mkdir(join(dir, 'cuts'), { recursive: true });
    // hello twice (counted once), a shot with no takes, and one that does not exist.
    await writeFile(
      join(dir, 'cuts', 'trailer.kling-seq.json'),
      '{ "shots": [ "../hello.kling.json", "../hero-elements.kling.json", { "shot": "../hello.kling.json" }, "../gone.kling.json" ] }\n',
    );
    await writeFile(join(dir, 'cuts', 'empty.kling-seq.json'), '{ "shots": [ "../hero-elements.kling.json" ] }\n');
    const r = await kling(['spend', '.', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.bySequence, {
      'cut.kling-seq.json': 1.84, // the example sequence lists hello too
      [join('cuts', 'empty.kling-seq.json')]: 0,
      [join('cuts', 'trailer.kling-seq.json')]: 1.84,
    });
    assert.equal(j.totalUsd, 1.84, 'totalUsd is unchanged');
    assert.deepEqual(j.byShot, { 'hello.kling.json': 1.84 });
    const text = await kling(['spend']);
    assert.match(
      text.out,
      // The simulator take of hello is free and has no fal price kept (an old record): said so, not "$0.00 at fal prices".
      /by sequence \(every take of its shots\):\n +\$1\.84 {2}cut\.kling-seq\.json {2}\+ simulator 1 take at \$0\.00 \(free\)\n +\$0\.00 {2}cuts\/empty\.kling-seq\.json\n +\$1\.84 {2}cuts\/trailer\.kling-seq\.json {2}\+ simulator 1 take at \$0\.00 \(free\)\n/,
    );
  });
});
