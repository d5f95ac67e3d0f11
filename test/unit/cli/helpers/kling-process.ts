// The `kling` command (test/kit/cli.ts) against a real simulator on 127.0.0.1, and the waits and
// counts the CLI tests share. Every wait is on state: a record's status on disk, a file, or a
// simulator counter.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTakeRecord, type TakeRecord } from '../../../../src/takes';
import { runKling, type Run } from '../../../kit/cli';
import { testSimulator, type Simulator, type SimulatorOptions } from '../../../kit/simulator';
import { StopWaiting, waitFor } from '../../../kit/wait-for';

export const KEY = 'cli-guards-test-key';
export const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';

/** `storageUrl` puts something (e.g. an upload gate) in front of the simulator's storage origin. */
export function kling(args: string[], o: { cwd: string; sim?: Simulator; storageUrl?: string; env?: Record<string, string> }): Run {
  const urls = o.sim ? ['--queue-url', o.sim.url, ...(args[0] === 'generate' ? ['--storage-url', o.storageUrl ?? o.sim.url] : [])] : [];
  return runKling([...args, ...urls], { cwd: o.cwd, env: { FAL_KEY: KEY, KLING_BUDGET_USD: '', ...o.env } });
}

/** Waits for `probe` (test/kit/wait-for.ts); gives up at once when `run` ended before the state came. */
export function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, run?: Run): Promise<T> {
  return waitFor(what, async () => {
    const v = await probe();
    if (v === undefined && run && run.child.exitCode !== null) throw new StopWaiting(`the process ended before ${what}: ${run.err()}`);
    return v;
  });
}

export async function records(dir: string): Promise<{ path: string; record: TakeRecord }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: { path: string; record: TakeRecord }[] = [];
  for (const n of names.filter(n => n.endsWith('.take.json')).sort()) {
    const rec = await readTakeRecord(join(dir, n)).catch(() => undefined);
    if (rec) out.push({ path: join(dir, n), record: rec });
  }
  return out;
}

export const withStatus = (dir: string, status: string) => async () => (await records(dir)).find(r => r.record.status === status);

export async function killed(run: Run): Promise<void> {
  run.child.kill('SIGKILL');
  const r = await run.done;
  assert.ok(r.signal === 'SIGKILL' || r.code !== null);
}

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A simulator that takes only KEY, with fal's two runners of a new account. */
export function sim(o: SimulatorOptions['timing'] = {}): Promise<Simulator> {
  return testSimulator({ keys: [KEY], timing: { runners: 2, ...o } });
}

/** Uploads of any kind the simulator saw (single, multipart, parts). */
export const uploads = (s: Simulator) => s.stats.storage.initiates + s.stats.storage.multipartInitiates + s.stats.storage.puts;

/** A project (package.json marks its root) under `base` with one text-to-video shot. */
export async function project(
  base: string,
  name: string,
  prompt = `a paper boat ${name}`,
): Promise<{ dir: string; shot: string; out: string }> {
  const dir = join(base, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  const shot = join(dir, 'boat.kling.json');
  await writeFile(shot, JSON.stringify({ endpoint: T2V, prompt, duration: '3' }));
  return { dir, shot, out: join(dir, 'renders') };
}

/** After the rerun: one submit in all, one done record whose clip has the bytes fal served. */
export async function assertLandedOnce(s: Simulator, out: string): Promise<TakeRecord> {
  assert.equal(s.stats.submits, 1, 'exactly one submit (nothing paid twice)');
  const done = (await records(out)).filter(r => r.record.status === 'done');
  assert.equal(done.length, 1);
  const rec = done[0]!.record;
  assert.equal(sha(await readFile(rec.clipPath!)), s.clipSha256(rec.requestId!));
  assert.equal(rec.sha256, s.clipSha256(rec.requestId!));
  return rec;
}
