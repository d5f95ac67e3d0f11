// The built `kling` command (dist/cli.js) as a real child process against a real simulator on
// 127.0.0.1, and the waits and counts the CLI tests share. Every wait is on state: a record's
// status on disk, a file, or a simulator counter.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readTakeRecord, type TakeRecord } from '../../../../src/takes';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../src/simulator';

export const repo = resolve(__dirname, '../../../..');
export const KEY = 'cli-guards-test-key';
export const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const CLI = join(repo, 'dist/cli.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface Run {
  child: ChildProcess;
  done: Promise<Exit>;
  err: () => string;
  out: () => string;
}

const live = new Set<ChildProcess>();

/** Kills (SIGKILL) the runs a failed test left going, so none outlives the test file. */
export function killLeftoverRuns(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
}

/** `storageUrl` puts something (e.g. an upload gate) in front of the simulator's storage origin. */
export function kling(args: string[], o: { cwd: string; sim?: Simulator; storageUrl?: string; env?: Record<string, string> }): Run {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
  const urls = o.sim ? ['--queue-url', o.sim.url, ...(args[0] === 'generate' ? ['--storage-url', o.storageUrl ?? o.sim.url] : [])] : [];
  const child = spawn(process.execPath, [CLI, ...args, ...urls], {
    cwd: o.cwd,
    env: { ...process.env, FAL_KEY: KEY, KLING_BUDGET_USD: '', NODE_OPTIONS: '', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '',
    err = '';
  child.stdout!.on('data', d => (out += d));
  child.stderr!.on('data', d => (err += d));
  live.add(child);
  const done = new Promise<Exit>(r =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      r({ code, signal, out, err });
    }),
  );
  return { child, done, err: () => err, out: () => out };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, run?: Run): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (run && run.child.exitCode !== null) throw new Error(`the process ended before ${what}: ${run.err()}`);
    await new Promise(r => setTimeout(r, 20));
  }
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

export function sim(o: SimulatorOptions['timing'] = {}): Promise<Simulator> {
  return startSimulator({ keys: [KEY], timing: { queueDelayMs: 0, processingMs: 0, logEveryMs: 0, ...o } });
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
