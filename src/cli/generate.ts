// `kling generate <files…> [--simulator] [--queue-url U] [--storage-url U] [--out DIR] [--concurrency N]`
// Validates every file first (any error: nothing is submitted), then uploads, submits, watches and
// downloads with live progress; each clip gets its take record beside it. Ctrl+C cancels the
// submitted jobs on the server. Exit 0 when every take is done, 1 otherwise, 2 for usage errors,
// 3 when over the --budget (nothing submitted), 130 after Ctrl+C.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache, estimateCost } from '../core';
import { nodeFileAccess } from '../media/node-files';
import {
  acquireTakeLock,
  applyCancelOutcome,
  createFalClient,
  falKeyFromEnv,
  isFinal,
  lockPathFor,
  takePaths,
  takeStamp,
  writeTakeRecord,
  type FalClient,
  type JobInput,
  type Progress,
  type TakeRecord,
} from '../client';
import { startSimulator, type Simulator } from '../simulator';
import { expandFileArgs } from './expand-files';
import { budgetFrom, checkPlanBudget, EXIT_OVER_BUDGET } from './spend-budget';

const USAGE = `usage: kling generate <files…> [options]

options:
  --simulator          run against the built-in offline simulator (no key, no cost)
  --queue-url U        fal queue origin (default https://queue.fal.run)
  --storage-url U      fal storage origin (default https://rest.fal.ai)
  --out DIR            where clips and take records go (default: renders/ beside each shot file)
  --concurrency N      jobs at once (default 2)
  --budget USD         refuse (exit 3, nothing submitted) when the spend below the shots' project
                       and output folders plus this run would pass USD (or env KLING_BUDGET_USD)
  -h, --help           show this help

The API key comes from FAL_KEY. Ctrl+C cancels the submitted jobs on fal.
`;

interface Options {
  simulator: boolean;
  queueUrl?: string;
  storageUrl?: string;
  out?: string;
  concurrency: number;
  budget?: string;
  inputs: string[];
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { simulator: false, concurrency: 2, inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--simulator':
        o.simulator = true;
        break;
      case '--queue-url':
      case '--storage-url':
      case '--out': {
        const v = value();
        if (!v) return `${flag} needs a value`;
        if (flag === '--out') o.out = v;
        else {
          try {
            new URL(v);
          } catch {
            return `${flag}: not a URL: ${v}`;
          }
          if (flag === '--queue-url') o.queueUrl = v;
          else o.storageUrl = v;
        }
        break;
      }
      case '--budget': {
        const v = value();
        if (v === undefined) return '--budget needs an amount in USD';
        o.budget = v;
        break;
      }
      case '--concurrency': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 64) return '--concurrency must be an integer from 1 to 64';
        o.concurrency = n;
        break;
      }
      case '--':
        o.inputs.push(...args.slice(i + 1));
        i = args.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
        o.inputs.push(a);
    }
  }
  if (o.inputs.length === 0) return 'no files given';
  if (o.simulator && (o.queueUrl || o.storageUrl)) return '--simulator cannot be combined with --queue-url/--storage-url';
  return o;
}

interface Planned {
  file: string;
  abs: string;
  job: JobInput;
  recordPath: string;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

async function plan(inputs: string[], out: string | undefined, cwd: string, err: (s: string) => void): Promise<Planned[] | undefined> {
  const { files, unmatched } = await expandFileArgs(inputs, cwd);
  if (unmatched.length) {
    err(`no such file or no match: ${unmatched.join(', ')}`);
    return undefined;
  }
  const cache = createMediaCache();
  const planned: Planned[] = [];
  let errors = 0;
  const stamp = takeStamp();
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    let text: string;
    try {
      text = await fs.readFile(abs, 'utf8');
    } catch (e) {
      err(`${file}: cannot read: ${(e as Error).message}`);
      errors++;
      continue;
    }
    const analysis = analyzeShot(text);
    const media = await checkMedia(analysis, {
      shotFilePath: abs,
      workspaceFolders: [path.dirname(abs), cwd],
      files: nodeFileAccess,
      cache,
    });
    const bad = [...analysis.diagnostics, ...media].filter(d => d.severity === 'error');
    for (const d of bad) err(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} error ${d.code} ${d.message}`);
    errors += bad.length;
    if (bad.length || !analysis.body) continue;
    const outDir = out ? path.resolve(cwd, out) : path.join(path.dirname(abs), 'renders');
    let paths = takePaths(outDir, abs, stamp);
    for (
      let i = 2;
      existsSync(paths.recordPath) ||
      existsSync(paths.clipPath) ||
      existsSync(lockPathFor(paths.recordPath)) ||
      planned.some(p => p.recordPath === paths.recordPath);
      i++
    )
      paths = takePaths(outDir, abs, `${stamp}-${i}`);
    const cost = estimateCost(analysis.endpoint, analysis.body);
    planned.push({
      file,
      abs,
      recordPath: paths.recordPath,
      job: {
        endpointId: analysis.endpoint.id,
        body: analysis.body,
        shotFile: abs,
        outputPath: paths.clipPath,
        localMedia: analysis.mediaRefs.filter(m => m.isLocal).map(m => ({ path: m.path, file: path.resolve(path.dirname(abs), m.value) })),
        ...(cost && { costEstimateUsd: Math.round(cost.usd * 1000) / 1000, pricePerSecondUsd: cost.perSecond }),
      },
    });
  }
  if (errors) {
    err(`refusing to generate: ${plural(errors, 'error')} (run kling validate for details)`);
    return undefined;
  }
  return planned;
}

/** One line per job; in a TTY the block is redrawn in place, otherwise a line per change. */
class ProgressView {
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly state: { label: string; status: string; detail: string; started: number; final: boolean }[];
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty: boolean,
    labels: string[],
  ) {
    this.state = labels.map(label => ({ label, status: 'waiting', detail: '', started: 0, final: false }));
    if (tty) this.timer = setInterval(() => this.draw(), 250);
  }
  update(i: number, status: string, detail = '', final = false): void {
    const s = this.state[i]!;
    if (!s.started && status !== 'waiting') s.started = Date.now();
    // Plain output: a line per state change (and per queue move), not per log line or byte count.
    const changed = s.status !== status || final || (status === 'queued' && detail !== s.detail);
    s.status = status;
    s.detail = detail;
    s.final = final;
    if (this.tty) return;
    if (changed) this.out.write(`${s.label}: ${status}${detail ? ` ${detail}` : ''}\n`);
  }
  private draw(): void {
    const now = Date.now();
    const text = this.state.map(s => {
      const el = s.started ? ` ${Math.round((now - s.started) / 1000)}s` : '';
      return `${s.label.padEnd(24).slice(0, 24)} ${s.status.padEnd(11)}${el.padStart(6)}  ${s.detail}`.slice(
        0,
        (this.out.columns || 100) - 1,
      );
    });
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A`);
    for (const t of text) this.out.write(`\x1b[2K${t}\n`);
    this.drawn = text.length;
  }
  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.draw();
    }
  }
}

function detailOf(p: Progress): string {
  if (p.phase === 'uploading') return `uploading ${path.basename(p.file ?? '')}`;
  if (p.status === 'queued' && p.queuePosition !== undefined) return `queue position ${p.queuePosition}`;
  if (p.status === 'downloading' && p.bytes !== undefined)
    return p.totalBytes ? `${Math.round((p.bytes / p.totalBytes) * 100)}%` : `${p.bytes} bytes`;
  const log = p.newLogs?.at(-1)?.message;
  return log ? log.slice(0, 60) : '';
}

export async function runGenerate(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const opts = parseArgs(args);
  const err = (s: string) => process.stderr.write(`kling generate: ${s}\n`);
  if (typeof opts === 'string') {
    err(opts);
    process.stderr.write(USAGE);
    return 2;
  }
  const budget = budgetFrom(opts.budget, process.env);
  if (typeof budget === 'string') {
    err(budget);
    return 2;
  }
  const jobs = await plan(opts.inputs, opts.out, process.cwd(), err);
  if (!jobs) return 1;
  if (jobs.length === 0) {
    err('nothing to generate');
    return 2;
  }
  for (const j of jobs) j.job.provider = opts.simulator ? 'simulator' : 'fal';
  // Simulator takes are free: no budget applies to them.
  const overBudget =
    budget !== undefined && !opts.simulator
      ? await checkPlanBudget(
          jobs.map(j => j.job),
          budget,
        )
      : undefined;
  if (overBudget) {
    err(`refused, nothing uploaded or submitted: ${overBudget.message}`);
    return EXIT_OVER_BUDGET;
  }

  let sim: Simulator | undefined;
  let key = falKeyFromEnv(process.env);
  if (opts.simulator) {
    sim = await startSimulator({ timing: { processingMs: 3000, queueDelayMs: 300, logEveryMs: 500 } });
    // Not the word 'simulator': the client redacts the key from records, and records say provider 'simulator'.
    key ||= 'offline-simulator-key';
    process.stdout.write(`simulator: ${sim.url}\n`);
  } else if (!key) {
    err('FAL_KEY is not set (or use --simulator)');
    return 2;
  }
  const queueUrl = sim?.url ?? opts.queueUrl;
  const storageUrl = sim?.url ?? opts.storageUrl;
  const client: FalClient = createFalClient({
    ...(queueUrl && { queueUrl }),
    ...(storageUrl && { storageUrl }),
    credentials: () => key,
    // The embedded simulator is on loopback: a proxy from the environment must not carry it.
    ...(sim && { proxyEnv: {} }),
    logger: { debug() {}, info() {}, warn: m => err(m), error: m => err(m) },
  });

  const total = jobs.reduce((s, j) => s + (j.job.costEstimateUsd ?? 0), 0);
  if (!sim && total > 0) process.stdout.write(`estimated cost: $${total.toFixed(2)} for ${plural(jobs.length, 'take')}\n`);
  const tty = Boolean(process.stdout.isTTY);
  const view = new ProgressView(
    process.stdout,
    tty,
    jobs.map(j => (j.file.length > 24 ? path.basename(j.file) : j.file)),
  );
  const ac = new AbortController();
  const latest = new Map<number, TakeRecord>();
  const finals: (TakeRecord | undefined)[] = [];
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\ninterrupted: cancelling submitted jobs…\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);

  const heldForCancel: { release(): Promise<void> }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !ac.signal.aborted) {
      const i = next++;
      const j = jobs[i]!;
      view.update(i, 'starting');
      // One follower per take across processes (a VS Code window may resume the same record).
      let lock: Awaited<ReturnType<typeof acquireTakeLock>>;
      try {
        lock = await acquireTakeLock(j.recordPath);
      } catch (e) {
        view.update(i, 'skipped', `cannot take the lock: ${(e as Error).message}`, true);
        continue;
      }
      if (!lock) {
        view.update(i, 'skipped', `another process holds ${path.relative(process.cwd(), lockPathFor(j.recordPath))}`, true);
        continue;
      }
      try {
        const rec = await client.generate(j.job, {
          signal: ac.signal,
          onRecord: async r => {
            latest.set(i, r);
            await writeTakeRecord(j.recordPath, r);
          },
          onProgress: p => {
            if (p.phase !== 'final') view.update(i, p.phase === 'uploading' ? 'uploading' : p.status, detailOf(p));
          },
        });
        finals[i] = rec;
        const detail =
          rec.status === 'done' ? path.relative(process.cwd(), rec.clipPath!) : rec.error ? `${rec.error.kind}: ${rec.error.message}` : '';
        view.update(i, rec.status, detail, true);
      } catch (e) {
        view.update(i, ac.signal.aborted ? 'interrupted' : 'stopped', (e as Error).message, true);
      } finally {
        // After Ctrl+C the record is still written below (the cancel outcome): keep the lock until then.
        if (interrupted) heldForCancel.push(lock);
        else await lock.release();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, jobs.length) }, worker));
    if (interrupted) {
      for (const [i, rec] of latest) {
        if (isFinal(rec) || !rec.cancelUrl) continue;
        try {
          const outcome = await client.cancel(rec);
          const updated = applyCancelOutcome(rec, outcome);
          await writeTakeRecord(jobs[i]!.recordPath, updated);
          view.update(i, updated.status === 'cancelled' ? 'cancelled' : `cancel: ${outcome}`, '', true);
        } catch (e) {
          view.update(i, 'cancel failed', (e as Error).message, true);
        }
      }
    }
  } finally {
    await Promise.all(heldForCancel.map(l => l.release()));
    view.stop();
    process.off('SIGINT', onSigint);
    await client.close();
    await sim?.close();
  }
  const done = finals.filter(r => r?.status === 'done').length;
  process.stdout.write(`${done} of ${plural(jobs.length, 'take')} done\n`);
  if (interrupted) return 130;
  return done === jobs.length ? 0 : 1;
}
