// The `kling` command as a user runs it: the shipped bundle (dist/cli.js) under plain node, in a
// real process. `npm run build` writes the bundle, and scripts/test-unit.mjs builds it first when
// it is missing or older than src/. Loading one bundle is far cheaper than compiling src/ through
// tsx in every child, which is what most of a CLI test's time used to go to.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const CLI = join(REPO, 'dist/cli.js');

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

export interface KlingOptions {
  cwd: string;
  /** Added to this process's environment (an empty string clears a variable's value). */
  env?: NodeJS.ProcessEnv;
}

function command(args: string[], o: KlingOptions): [string, string[], { cwd: string; env: NodeJS.ProcessEnv }] {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first (npm test and npm run test:unit do)');
  return [process.execPath, [CLI, ...args], { cwd: o.cwd, env: { ...process.env, NODE_OPTIONS: '', ...o.env } }];
}

const live = new Set<ChildProcess>();

/** Kills (SIGKILL) the runs a failed test left going, so none outlives the test file. */
export function killLeftoverRuns(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
}

/** Starts `kling …`; its output is collected as it comes. */
export function runKling(args: string[], o: KlingOptions): Run {
  const [file, argv, options] = command(args, o);
  const child = spawn(file, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Runs `kling …` to its end. `timeoutMs` turns a hang (a FIFO opened by mistake) into a kill. */
export function klingSync(args: string[], o: KlingOptions & { timeoutMs?: number }): Exit {
  const [file, argv, options] = command(args, o);
  const r = spawnSync(file, argv, { ...options, encoding: 'utf8', ...(o.timeoutMs !== undefined && { timeout: o.timeoutMs }) });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
