// `kling generate <files…> [options]`
// Validates every file first (any error: nothing is uploaded or submitted; every warning is
// printed), keeps local media inside the project root, then runs each take through the take
// store: a shot with an unfinished take of the same request resumes it instead of paying again
// (`--new` submits anyway). Exit 0 when every take is done, 1 otherwise, 2 for usage errors, 3 when
// over the --budget (nothing uploaded or submitted), 130 after Ctrl+C.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache, estimateCost, type MediaRef, type ShotDiagnostic } from '../core';
import { nodeFileAccess } from '../media/node-files';
import { sha256OfHandle, type JobInput } from '../client';
import {
  checkInside,
  claimUnfinished,
  listTakeRecords,
  mediaOpener,
  openInside,
  outputDirFor,
  realRoots,
  requestKey,
  uncertainLatestOf,
  unfinishedOf,
} from '../takes';
import { command, connectionOptions, positiveInt } from './command-line';
import { connect, sameQueue } from './connection';
import { expandFileArgs } from './expand-files';
import { projectRootsOf } from './project-root';
import { budgetFrom, checkPlanBudget, EXIT_OVER_BUDGET } from './spend-budget';
import { runTakes, type TakeWork } from './take-runner';
import { uncertainTakeText } from './uncertain-take';

const USAGE = `usage: kling generate <files…> [options]

options:
  --simulator          run against the built-in offline simulator (no key, no cost)
  --queue-url U        fal queue origin (default https://queue.fal.run)
  --storage-url U      fal storage origin (default https://rest.fal.ai)
  --out DIR            where clips and take records go (default: renders/ beside each shot file)
  --root DIR           project folder local media must stay inside (repeatable; default: the
                       nearest folder above the shot with .git, .vscode or package.json, else
                       the shot's folder)
  --new                submit a fresh take even when an unfinished take of the same request exists
  --takes N            takes of each shot, 1 to 4 (default 1): variations, each its own paid job;
                       unfinished takes of the same request count among them and are resumed
  --concurrency N      jobs at once (default 2)
  --budget USD         refuse (exit 3, nothing submitted) when the spend below the shots' project
                       and output folders plus this run would pass USD (or env KLING_BUDGET_USD)
  -h, --help           show this help

The API key comes from FAL_KEY. Ctrl+C cancels the submitted jobs on fal.
`;

const OPTIONS = {
  simulator: { type: 'boolean' },
  'queue-url': { type: 'string' },
  'storage-url': { type: 'string' },
  out: { type: 'string' },
  root: { type: 'string', multiple: true },
  new: { type: 'boolean' },
  takes: { type: 'string' },
  concurrency: { type: 'string' },
  budget: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Shot {
  file: string;
  abs: string;
  job: Omit<JobInput, 'outputPath'>;
  key: string;
  outputDir: string;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const where = (file: string, d: ShotDiagnostic) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;

/** Everything checked before anything leaves the machine; undefined when a file has an error. */
async function prepare(
  inputs: string[],
  o: { out: string | undefined; roots: string[] },
  cwd: string,
  err: (s: string) => void,
): Promise<Shot[] | undefined> {
  const { files, unmatched } = await expandFileArgs(inputs, cwd);
  if (unmatched.length) {
    err(`no such file or no match: ${unmatched.join(', ')}`);
    return undefined;
  }
  const cache = createMediaCache();
  const shots: Shot[] = [];
  let errors = 0;
  const fail = (line: string) => {
    err(line);
    errors++;
  };
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    let text: string;
    try {
      text = await fs.readFile(abs, 'utf8');
    } catch (e) {
      fail(`${file}: cannot read: ${(e as Error).message}`);
      continue;
    }
    const roots = await realRoots(o.roots.length ? o.roots.map(r => path.resolve(cwd, r)) : await projectRootsOf(abs));
    const analysis = analyzeShot(text);
    const local = analysis.mediaRefs.filter(m => m.isLocal);
    if (local.length && roots.length === 0) {
      fail(
        `${file}: no project root above it other than / or the home folder; pass --root DIR to say which folder its media may come from`,
      );
      continue;
    }
    const media = await checkMedia(analysis, { shotFilePath: abs, workspaceFolders: roots, files: nodeFileAccess, cache });
    const diagnostics = [...analysis.diagnostics, ...media].sort((a, b) => a.offset - b.offset);
    for (const d of diagnostics) {
      if (d.severity === 'error') fail(`${where(file, d)} error ${d.code} ${d.message}`);
      else if (d.severity === 'warning') err(`${where(file, d)} warning ${d.code} ${d.message}`);
    }
    const hashes = await checkLocalMedia(file, abs, local, roots, fail);
    if (!hashes || diagnostics.some(d => d.severity === 'error') || !analysis.body) continue;
    const cost = estimateCost(analysis.endpoint, analysis.body);
    shots.push({
      file,
      abs,
      key: requestKey(analysis.endpoint.id, analysis.body, hashes),
      outputDir: o.out ? path.resolve(cwd, o.out) : outputDirFor(abs, undefined),
      job: {
        endpointId: analysis.endpoint.id,
        body: analysis.body,
        shotFile: abs,
        openMedia: mediaOpener(roots),
        localMedia: local.map(m => ({ path: m.path, file: path.resolve(path.dirname(abs), m.value) })),
        ...(cost && { costEstimateUsd: Math.round(cost.usd * 1000) / 1000, pricePerSecondUsd: cost.perSecond }),
      },
    });
  }
  if (errors) {
    err(`refusing to generate: ${plural(errors, 'error')}; nothing was uploaded or submitted`);
    return undefined;
  }
  return shots;
}

/**
 * Each local file must really be inside the roots; its content hash (read from the checked handle)
 * makes part of the request key. Undefined when one is outside or unreadable.
 */
async function checkLocalMedia(
  file: string,
  abs: string,
  refs: MediaRef[],
  roots: string[],
  fail: (line: string) => void,
): Promise<Record<string, string> | undefined> {
  const hashes: Record<string, string> = {};
  let ok = true;
  const rootText = roots.length === 1 ? `the project root ${roots[0]}` : `the roots ${roots.join(', ')}`;
  for (const ref of refs) {
    const target = path.resolve(path.dirname(abs), ref.value);
    const c = await checkInside(target, roots);
    if (!c.inside) {
      fail(
        c.reason === 'missing'
          ? `${file}: ${ref.value} (${ref.path.join('.')}) does not exist`
          : `${file}: ${ref.value} (${ref.path.join('.')}) resolves to ${c.realPath}, outside ${rootText}; only files inside are uploaded (--root widens it)`,
      );
      ok = false;
      continue;
    }
    try {
      const { handle } = await openInside(target, roots);
      try {
        hashes[ref.value] = await sha256OfHandle(handle);
      } finally {
        await handle.close();
      }
    } catch (e) {
      fail(`${file}: ${ref.value}: ${(e as Error).message}`);
      ok = false;
    }
  }
  return ok ? hashes : undefined;
}

/**
 * A new take, or the unfinished take of the same request when one can be continued from here.
 * Each candidate is claimed (lock, then the record as it is now) before anything is decided.
 */
async function workFor(shot: Shot, fresh: boolean, queueUrl: string, err: (s: string) => void): Promise<TakeWork> {
  const label = shot.file;
  const newTake: TakeWork = {
    label,
    kind: 'new',
    job: { ...shot.job, requestKey: shot.key },
    outputDir: shot.outputDir,
    shotFile: shot.abs,
  };
  // One listing serves both questions; a take this run retires below is answered in the loop.
  const takes = await listTakeRecords(shot.outputDir);
  for (const t of unfinishedOf(takes, shot.key)) {
    // `--new` leaves resumable takes for `kling resume`; it only retires the ones nobody can follow.
    if (fresh && t.record.requestId) continue;
    const name = path.relative(process.cwd(), t.path);
    const c = await claimUnfinished(t.path);
    // busy: a live process follows it (in progress, not left behind), so this run is a new take.
    if (c.kind === 'busy' || c.kind === 'final') continue;
    if (c.kind === 'unreadable') {
      err(`${label}: ${c.error}: not resumed`);
      continue;
    }
    if (c.kind === 'uncertain') {
      err(uncertainTakeText(name, c));
      if (fresh) continue;
      // Refused once, so that no money is spent without the user having read the above.
      return { label, kind: 'outcome', status: 'refused', detail: `${name} may have been paid (see above); --new submits a fresh take` };
    }
    if (fresh || !sameQueue(c.record.statusUrl, queueUrl)) {
      await c.lock.release();
      if (!fresh) err(`${label}: ${name} ran on ${safeOrigin(c.record.statusUrl)}, not this queue: not resumed here`);
      continue;
    }
    err(`${label}: an unfinished take of the same request exists (${name}): resuming it instead of submitting`);
    return { label, kind: 'resume', recordPath: t.path, record: c.record, lock: c.lock };
  }
  const uncertain = fresh ? undefined : uncertainLatestOf(takes, shot.key);
  if (uncertain) {
    // Refused until the user chooses: running the same command again must not pay a second time.
    const name = path.relative(process.cwd(), uncertain.path);
    return {
      label,
      kind: 'outcome',
      status: 'refused',
      detail: `the last submit of this request (${name}) stopped before fal replied and may have been paid; check your fal dashboard, then --new submits a fresh take`,
    };
  }
  return newTake;
}

function safeOrigin(u: string | undefined): string {
  try {
    return u ? new URL(u).origin : '(no queue URL)';
  } catch {
    return '(invalid URL)';
  }
}

export async function runGenerate(args: string[]): Promise<number> {
  const cmd = command('generate', USAGE);
  const parsed = cmd.parse(args, OPTIONS);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const takes = positiveInt(v.takes, '--takes', 4, 1);
  if (typeof takes === 'string') return cmd.usageError(takes);
  const connection = connectionOptions(v);
  if (typeof connection === 'string') return cmd.usageError(connection);
  const { queueUrl, storageUrl, concurrency } = connection;
  if (parsed.positionals.length === 0) return cmd.usageError('no files given');
  if (v.simulator && (queueUrl || storageUrl)) return cmd.usageError('--simulator cannot be combined with --queue-url/--storage-url');
  const budget = budgetFrom(v.budget, process.env);
  if (typeof budget === 'string') return cmd.usageError(budget);

  const shots = await prepare(parsed.positionals, { out: v.out, roots: v.root ?? [] }, process.cwd(), cmd.err);
  if (!shots) return 1;
  if (shots.length === 0) return cmd.usageError('nothing to generate');
  for (const s of shots) s.job.provider = v.simulator ? 'simulator' : 'fal';

  const conn = await connect({ simulator: Boolean(v.simulator), queueUrl, storageUrl }, cmd.err);
  if (typeof conn === 'string') return cmd.usageError(conn);
  try {
    const work: TakeWork[] = [];
    for (const s of shots) {
      // Each call locks what it resumes, so the next one finds the next unfinished take or a new one.
      for (let i = 0; i < takes; i++) {
        const w = await workFor(s, Boolean(v.new), conn.queueUrl, cmd.err);
        work.push(w);
        if (w.kind === 'outcome') break;
      }
    }
    // The whole run is counted up front, before any upload; simulator takes are free.
    const refusal =
      budget !== undefined && !conn.sim
        ? await checkPlanBudget(
            work.flatMap(w =>
              w.kind === 'new' ? [{ shotFile: w.shotFile, outputDir: w.outputDir, costEstimateUsd: w.job.costEstimateUsd }] : [],
            ),
            budget,
          )
        : undefined;
    if (refusal) {
      await Promise.all(work.map(w => (w.kind === 'resume' ? w.lock.release() : undefined)));
      cmd.err(`refused, nothing uploaded or submitted: ${refusal.message}`);
      return EXIT_OVER_BUDGET;
    }
    const fresh = work.flatMap(w => (w.kind === 'new' ? [w.job.costEstimateUsd ?? 0] : []));
    const total = fresh.reduce((sum, usd) => sum + usd, 0);
    if (!conn.sim && total > 0) process.stdout.write(`estimated cost: $${total.toFixed(2)} for ${plural(fresh.length, 'new take')}\n`);
    const r = await runTakes(work, conn.client, { concurrency, err: cmd.err });
    process.stdout.write(`${r.done} of ${plural(r.total, 'take')} done\n`);
    if (r.interrupted) return 130;
    return r.done === r.total ? 0 : 1;
  } finally {
    await conn.close();
  }
}
