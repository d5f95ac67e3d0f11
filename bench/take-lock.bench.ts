// Take lock benchmark (npm run bench take-lock): our take lock (src/client/take-store/take-lock.ts,
// owner PID + process start time) against proper-lockfile (a lock folder kept fresh by mtime
// updates), on what matters for paid takes:
//  1. 20 processes racing for one stale lock (its owner is dead): winners per round (must be 1).
//  2. A holder killed with SIGKILL (a crashed window): how long until another process gets the lock.
//  3. Uncontended acquire + release, for information.
// PID reuse is our lock's own concern (a reused PID with another start time is not the owner);
// proper-lockfile never looks at PIDs, so it has no such case — its cost is the wait in 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as lockfile from 'proper-lockfile';
import { acquireTakeLock, lockPathFor } from '../src/takes';

const ROUNDS = 3;
const RACERS = 20;
const OURS = pathToFileURL(resolve('src/client/take-store/take-lock.ts')).href;
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

type Kind = 'ours' | 'proper-lockfile';

/** A process that tries once when `go` appears, prints won/lost, and holds what it got until stdin closes. */
function racerScript(kind: Kind, rec: string, go: string, stale: number): string {
  const take =
    kind === 'ours'
      ? `const m = await import(${JSON.stringify(OURS)}); const l = await (m.acquireTakeLock ?? m.default.acquireTakeLock)(${JSON.stringify(rec)}); return Boolean(l);`
      : `const lf = require('proper-lockfile'); try { await lf.lock(${JSON.stringify(rec)}, { stale: ${stale}, realpath: false, onCompromised: () => {} }); return true; } catch { return false; }`;
  return `
    const { existsSync } = require('node:fs');
    const attempt = async () => { ${take} };
    process.stdout.write('ready\\n');
    const t = setInterval(() => {
      if (!existsSync(${JSON.stringify(go)})) return;
      clearInterval(t);
      attempt().then(won => {
        process.stdout.write((won ? 'won' : 'lost') + '\\n');
        process.stdin.resume();
        process.stdin.on('end', () => process.exit(0));
      });
    }, 1);`;
}

function child(script: string): { p: ChildProcess; out: () => string } {
  const p = spawn(process.execPath, ['--import', TSX, '-e', script], { stdio: ['pipe', 'pipe', 'inherit'], cwd: resolve('.') });
  let out = '';
  p.stdout!.on('data', d => (out += d));
  return { p, out: () => out };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise(r => setTimeout(r, 10));
}

async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '0']);
  await new Promise(r => p.once('exit', r));
  return p.pid!;
}

async function staleLock(kind: Kind, rec: string): Promise<void> {
  if (kind === 'ours') {
    await writeFile(
      lockPathFor(rec),
      JSON.stringify({ pid: await deadPid(), host: hostname(), nonce: 'dead', at: new Date().toISOString() }),
    );
  } else {
    await mkdir(`${rec}.lock`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${rec}.lock`, old, old);
  }
}

async function race(kind: Kind, dir: string, round: number): Promise<number> {
  const rec = join(dir, `${kind}-${round}.take.json`);
  await writeFile(rec, '{}');
  await staleLock(kind, rec);
  const go = join(dir, `go-${kind}-${round}`);
  const kids = Array.from({ length: RACERS }, () => child(racerScript(kind, rec, go, 10_000)));
  await until(() => kids.every(k => k.out().includes('ready')));
  await writeFile(go, '');
  await until(() => kids.every(k => /won|lost/.test(k.out())));
  const won = kids.filter(k => k.out().includes('won')).length;
  await Promise.all(kids.map(k => new Promise(r => (k.p.once('exit', r), k.p.stdin!.end()))));
  return won;
}

/** ms from SIGKILL of the holder to the lock being taken by a process polling every 50 ms. */
async function takeoverAfterCrash(kind: Kind, dir: string, stale: number): Promise<number> {
  const rec = join(dir, `crash-${kind}-${stale}.take.json`);
  await writeFile(rec, '{}');
  const go = join(dir, `go-crash-${kind}-${stale}`);
  await writeFile(go, '');
  const holder = child(racerScript(kind, rec, go, stale));
  await until(() => holder.out().includes('won'));
  const exited = new Promise(r => holder.p.once('exit', r));
  const t0 = performance.now();
  holder.p.kill('SIGKILL');
  await exited;
  for (;;) {
    if (kind === 'ours') {
      const l = await acquireTakeLock(rec);
      if (l) {
        const ms = performance.now() - t0;
        await l.release();
        return ms;
      }
    } else {
      try {
        const release = await lockfile.lock(rec, { stale, realpath: false, onCompromised: () => {} });
        const ms = performance.now() - t0;
        await release();
        return ms;
      } catch {
        /* still held */
      }
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

async function uncontended(kind: Kind, dir: string): Promise<number> {
  const rec = join(dir, `plain-${kind}.take.json`);
  await writeFile(rec, '{}');
  const n = 200;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (kind === 'ours') await (await acquireTakeLock(rec))!.release();
    else await (await lockfile.lock(rec, { realpath: false }))();
  }
  return (performance.now() - t0) / n;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kling-lock-bench-'));
  try {
    for (const kind of ['ours', 'proper-lockfile'] as const) {
      const winners: number[] = [];
      for (let r = 0; r < ROUNDS; r++) winners.push(await race(kind, dir, r));
      console.log(`${kind.padEnd(16)} 20 racers on a stale lock: winners per round ${winners.join(', ')} (must be 1)`);
    }
    console.log(`ours             crashed holder → lock taken after ${(await takeoverAfterCrash('ours', dir, 0)).toFixed(0)} ms`);
    for (const stale of [10_000, 2_000]) {
      const label = stale === 10_000 ? 'default stale 10 s' : 'minimum stale 2 s';
      console.log(
        `proper-lockfile  crashed holder → lock taken after ${(await takeoverAfterCrash('proper-lockfile', dir, stale)).toFixed(0)} ms (${label})`,
      );
    }
    for (const kind of ['ours', 'proper-lockfile'] as const)
      console.log(`${kind.padEnd(16)} uncontended acquire + release: ${(await uncontended(kind, dir)).toFixed(2)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
