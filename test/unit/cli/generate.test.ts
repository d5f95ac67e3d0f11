// `kling generate` end to end in a child process: simulator run, refusal on errors, Ctrl+C cancels.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTakeRecord } from '../../../src/takes';
import { REPO, runKling, type Run } from '../../kit/cli';
import { withSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-cli-gen-'));
  await cp(join(REPO, 'examples'), dir, { recursive: true });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function kling(args: string[], env: Record<string, string> = {}): Run {
  return runKling(['generate', ...args], { cwd: REPO, env: { FAL_KEY: '', ...env } });
}

describe('kling generate', () => {
  test('--simulator: clips and take records land beside each other (local media uploaded)', { timeout: 60_000 }, async () => {
    const out = join(dir, 'out1');
    const r = await kling([
      join(dir, 'hello.kling.json'),
      join(dir, 'hero-elements.kling.json'),
      '--simulator',
      '--out',
      out,
      '--concurrency',
      '2',
    ]).done;
    assert.equal(r.code, 0, r.out + r.err);
    const names = (await readdir(out)).sort();
    assert.equal(names.filter(n => n.endsWith('.mp4')).length, 2, names.join());
    for (const n of names.filter(n => n.endsWith('.take.json'))) {
      const rec = await readTakeRecord(join(out, n));
      assert.equal(rec.status, 'done');
      assert.ok(names.includes(n.replace('.take.json', '.mp4')));
      assert.equal(rec.bytes, (await readFile(rec.clipPath!)).length);
    }
    const hero = await readTakeRecord(
      join(
        out,
        names.find(n => n.startsWith('hero-elements') && n.endsWith('.take.json'))!,
      ),
    );
    assert.ok(JSON.stringify(hero.body).includes('http://127.0.0.1'), 'local media were replaced by uploaded URLs');
    assert.match(r.out, /2 of 2 takes done/);
    assert.deepEqual(
      names.filter(n => n.includes('.lock') || n.endsWith('.tmp') || n.includes('.partial.')),
      [],
      'every take lock was released',
    );
  });

  test('a file with errors: nothing is submitted, exit 1', async () => {
    const bad = join(dir, 'bad.kling.json');
    await writeFile(bad, '{ "prompt": "x", "duration": "99" }');
    const r = await kling([bad, join(dir, 'hello.kling.json'), '--simulator', '--out', join(dir, 'out2')]).done;
    assert.equal(r.code, 1);
    assert.match(r.err, /bad\.kling\.json:1:\d+ error kling\./);
    assert.match(r.err, /refusing to generate/);
    await assert.rejects(readdir(join(dir, 'out2')));
  });

  test('no FAL_KEY and no --simulator: usage error', async () => {
    const r = await kling([join(dir, 'hello.kling.json'), '--out', join(dir, 'out3')]).done;
    assert.equal(r.code, 2);
    assert.match(r.err, /FAL_KEY/);
  });

  test('Ctrl+C cancels the submitted jobs on the server', { timeout: 60_000 }, async () => {
    // One runner that keeps running when asked to stop: whatever order the two cancels arrive in,
    // one job is in progress (cancellation requested) and the other still queued (cancelled).
    // With a runner that stops, cancelling the running job first would start the queued one.
    await withSimulator({ timing: { runners: 1, processingMs: 30_000, cancelInProgress: 'ignored' } }, async sim => {
      const out = join(dir, 'out4');
      const run = kling(
        [join(dir, 'hello.kling.json'), join(dir, 'storyboard.kling.json'), '--queue-url', sim.url, '--storage-url', sim.url, '--out', out],
        { FAL_KEY: 'cli-test-key' },
      );
      await waitFor('one take running and one queued', () => /running/.test(run.out()) && /queued/.test(run.out()));
      run.child.kill('SIGINT');
      const r = await run.done;
      assert.equal(r.code, 130, r.out + r.err);
      assert.equal(sim.stats.cancels, 2);
      const recs = await Promise.all((await readdir(out)).filter(n => n.endsWith('.take.json')).map(n => readTakeRecord(join(out, n))));
      assert.deepEqual(recs.map(x => x.cancel?.outcome).sort(), ['cancellation-requested', 'cancelled']);
      assert.ok(recs.some(x => x.status === 'cancelled'));
      assert.deepEqual(
        (await readdir(out)).filter(n => n.includes('.lock')),
        [],
        'the take locks were released after the cancels',
      );
      assert.ok(!r.out.includes('cli-test-key') && !r.err.includes('cli-test-key'));
    });
  });
});

describe('kling simulator', () => {
  test('prints its URL and serves the queue API', { timeout: 20_000 }, async () => {
    const run = runKling(['simulator', '--instant'], { cwd: REPO });
    const url = await waitFor('the simulator to print its URL', () => (run.out().includes('\n') ? run.out().trim() : undefined));
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/fal-ai/kling-video/v3/pro/text-to-video`, {
      method: 'POST',
      headers: { authorization: 'Key any', 'content-type': 'application/json' },
      body: '{"prompt":"x"}',
    });
    assert.equal(res.status, 200);
    run.child.kill('SIGINT');
    assert.equal((await run.done).code, 0);
  });
});
