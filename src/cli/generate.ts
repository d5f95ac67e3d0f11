// `kling generate`: a face of the take session (src/takes). It reads each file,
// has the session prepare it (any error: nothing is uploaded or submitted; every warning is
// printed), plans the run (claim decision, names, budget reservation: all or none) and runs it.
// Exit 0 when every take is done, 1 otherwise, 2 for usage errors, 3 when over a budget (nothing
// uploaded or submitted), 130 after Ctrl+C.
import * as path from 'node:path';
import { priceSourceText, type ShotDiagnostic } from '../core';
import { readShotFile } from '../takes/shot-file';
import { asError, createMediaCache, type MediaCache, type PriceTable } from '../core';
import {
  outputDirFor,
  planTakes,
  prepareShot,
  realRoots,
  type BudgetScope,
  type PlanOptions,
  type PreparedShot,
  type Provider,
  voicesNeeded,
} from '../takes';
import { command, connectionOptions, PLATFORM_URL_OPTION, platformUrlOption, positiveInt } from './command-line';
import { connect, sameQueue } from './connection';
import { expandFileArgs } from './expand-files';
import { platformUrlFor, runPriceTable } from './live-prices';
import { projectRootsOf } from './project-root';
import { budgetFrom, budgetsOfRun, EXIT_OVER_BUDGET, refusalText } from './spend-budget';
import { runTakes } from './take-runner';
import { makeVoices } from './cast-voices';
import { defineCommand, HELP_OPTION } from './usage';

export const GENERATE = defineCommand({
  name: 'generate',
  forms: ['<files…>'],
  summary: 'generate takes of shot files on fal.ai (or the offline simulator); exit 3 when over a budget',
  options: {
    simulator: { type: 'boolean', help: 'run against the built-in offline simulator (no key, no cost)' },
    'queue-url': { type: 'string', value: 'U', help: 'fal queue origin, http(s) (default https://queue.fal.run)' },
    'storage-url': { type: 'string', value: 'U', help: 'fal storage origin, http(s) (default https://rest.fal.ai)' },
    'platform-url': PLATFORM_URL_OPTION,
    out: { type: 'string', value: 'DIR', help: 'where clips and take records go (default: renders/ beside each shot file)' },
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: "project folder local media must stay inside (repeatable; default: the nearest folder above the shot with .git, .vscode or package.json, else the shot's folder)",
    },
    new: {
      type: 'boolean',
      help: 'submit a fresh take even when a take of the same request is unfinished or may have been paid',
    },
    takes: {
      type: 'string',
      value: 'N',
      help: 'takes of each shot, 1 to 4 (default 1): variations, each its own paid job; unfinished takes of the same request count among them and are resumed',
    },
    concurrency: { type: 'string', value: 'N', help: 'jobs at once (default 2)' },
    budget: {
      type: 'string',
      value: 'USD',
      help: "refuse (exit 3, nothing submitted) when the spend below the shots' project and output folders plus this run would pass USD (or env KLING_BUDGET_USD)",
    },
    'daily-budget': {
      type: 'string',
      value: 'USD',
      help: "the same for today's spend (local day) (or env KLING_DAILY_BUDGET_USD)",
    },
    help: HELP_OPTION,
  },
  notes: `The API key comes from FAL_KEY. A budget reserves each take's price before anything is uploaded,
so runs started together never pass it. A take another process is following is waited for, not
paid again. Ctrl+C cancels the submitted jobs on fal. Estimates use fal's live prices when the
Platform API answers (cached for a day, in KLING_CACHE_DIR or ~/.cache/kling-studio), else the
built-in table; the estimate line says which.`,
});

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const where = (file: string, d: ShotDiagnostic) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;

/** Every file prepared by the take session; undefined when one has an error (all are reported). */
async function prepareAll(
  inputs: string[],
  o: { out: string | undefined; roots: string[]; provider: Provider; prices: PriceTable },
  cwd: string,
  err: (s: string) => void,
): Promise<PreparedShot[] | undefined> {
  const { files, unmatched } = await expandFileArgs(inputs, cwd);
  if (unmatched.length) {
    err(`no such file or no match: ${unmatched.join(', ')}`);
    return undefined;
  }
  const cache = createMediaCache();
  const shots: PreparedShot[] = [];
  let errors = 0;
  const fail = (line: string) => {
    err(line);
    errors++;
  };
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    const p = await prepareFile(abs, file, {
      out: o.out ? path.resolve(cwd, o.out) : undefined,
      roots: o.roots.map(r => path.resolve(cwd, r)),
      provider: o.provider,
      prices: o.prices,
      cache,
    });
    for (const line of p.errors) fail(line);
    for (const line of p.warnings) err(line);
    if (p.shot) shots.push(p.shot);
  }
  if (errors) {
    err(`refusing to generate: ${plural(errors, 'error')}; nothing was uploaded or submitted`);
    return undefined;
  }
  return shots;
}

/**
 * One shot file prepared by the take session, as `kling generate` prepares each (and `kling mcp`'s
 * generate_shot): its errors and warnings as lines naming the file, line and column.
 */
export async function prepareFile(
  abs: string,
  shown: string,
  o: { out: string | undefined; roots: readonly string[]; provider: Provider; prices?: PriceTable; cache: MediaCache },
): Promise<{ shot: PreparedShot | undefined; errors: string[]; warnings: string[] }> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const read = await readShotFile(abs, { shown });
  if ('diagnostic' in read) return { shot: undefined, errors: [read.diagnostic.message], warnings }; // it names the file
  const roots = await realRoots(o.roots.length ? o.roots : await projectRootsOf(abs));
  const p = await prepareShot({
    shotFile: abs,
    text: read.text,
    roots,
    rootsText: `${roots.length === 1 ? `the project root ${roots[0]}` : `the roots ${roots.join(', ')}`} (--root widens it)`,
    noRoots: 'no project root above it other than / or the home folder; pass --root DIR to say which folder its media may come from',
    outputDir: o.out ?? outputDirFor(abs, undefined),
    provider: o.provider,
    ...(o.prices && { prices: o.prices }),
    cache: o.cache,
  });
  for (const d of p.ok ? p.warnings : [...p.errors, ...p.warnings].sort((a, b) => a.offset - b.offset)) {
    if (d.severity === 'error') errors.push(`${where(shown, d)} error ${d.code} ${d.message}`);
    else warnings.push(`${where(shown, d)} warning ${d.code} ${d.message}`);
  }
  if (!p.ok) for (const problem of p.problems) errors.push(`${shown}: ${problem}`);
  return { shot: p.ok && !errors.length ? p.shot : undefined, errors, warnings };
}

/**
 * How the CLI's faces plan a run (the claim decision's limits): a take is followed only on this
 * connection's queue, and its records are read inside its project (or --root), and `out` when given.
 */
export function runPlanOptions(o: {
  queueUrl: string;
  out: string | undefined;
  note: (shot: PreparedShot, message: string) => void;
}): Pick<PlanOptions, 'canFollow' | 'recordRootsOf' | 'note'> {
  return {
    canFollow: rec =>
      sameQueue(rec.statusUrl, o.queueUrl) ? true : `it ran on ${safeOrigin(rec.statusUrl)}, not this queue (pass --queue-url)`,
    note: o.note,
    recordRootsOf: shot => [
      ...(shot.roots.length ? shot.roots : [path.dirname(shot.shotFile)]),
      ...(o.out !== undefined ? [path.resolve(o.out)] : []),
    ],
  };
}

export async function runGenerate(args: string[]): Promise<number> {
  const cmd = command(GENERATE);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const takes = positiveInt(v.takes, '--takes', 4, 1);
  if (typeof takes === 'string') return cmd.usageError(takes);
  const connection = connectionOptions(v);
  if (typeof connection === 'string') return cmd.usageError(connection);
  const { queueUrl, storageUrl, concurrency } = connection;
  if (parsed.positionals.length === 0) return cmd.usageError('no files given');
  if (v.simulator && (queueUrl || storageUrl)) return cmd.usageError('--simulator cannot be combined with --queue-url/--storage-url');
  const budget = budgetFrom(v.budget, process.env.KLING_BUDGET_USD, '--budget', 'KLING_BUDGET_USD');
  if (typeof budget === 'string') return cmd.usageError(budget);
  const daily = budgetFrom(v['daily-budget'], process.env.KLING_DAILY_BUDGET_USD, '--daily-budget', 'KLING_DAILY_BUDGET_USD');
  if (typeof daily === 'string') return cmd.usageError(daily);
  const platform = platformUrlOption(v['platform-url']);
  if (typeof platform === 'string') return cmd.usageError(platform);
  const provider: Provider = v.simulator ? 'simulator' : 'fal';
  // Simulated takes are free: their estimate is never shown, so fal is not asked for prices.
  const platformUrl = provider === 'fal' ? platformUrlFor({ simulator: false, queueUrl, platformUrl: platform.platformUrl }) : undefined;
  const prices = await runPriceTable(platformUrl, cmd.err);

  const prepareOptions = { out: v.out, roots: v.root ?? [], provider, prices };
  let shots = await prepareAll(parsed.positionals, prepareOptions, process.cwd(), cmd.err);
  if (!shots) return 1;
  if (shots.length === 0) return cmd.usageError('nothing to generate');

  const conn = await connect({ simulator: Boolean(v.simulator), queueUrl, storageUrl }, cmd.err);
  if (typeof conn === 'string') return cmd.usageError(conn);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    if (voicesNeeded(shots).length) {
      const before = shots;
      const made = await makeVoices(before, {
        provider,
        prices,
        conn,
        concurrency,
        scopesFor: async voices =>
          provider === 'fal' && (budget !== undefined || daily !== undefined)
            ? [await budgetsOfRun([...voices, ...before], { workspaceUsd: budget, dailyUsd: daily })]
            : [],
        signal: ac.signal,
        err: cmd.err,
        say: line => process.stdout.write(`${line}\n`),
      });
      if (typeof made === 'number') return made;
      // The voices are remembered beside their casts: prepared again, the shots bind them.
      shots = await prepareAll(parsed.positionals, prepareOptions, process.cwd(), cmd.err);
      if (!shots) return 1;
    }
    // Simulated takes are free: no budget covers them.
    const scopes: BudgetScope[] =
      provider === 'fal' && (budget !== undefined || daily !== undefined)
        ? [await budgetsOfRun(shots, { workspaceUsd: budget, dailyUsd: daily })]
        : [];
    const plan = await planTakes(shots, {
      takes,
      fresh: Boolean(v.new),
      provider,
      scopes,
      scopesOf: () => (scopes.length ? [0] : []),
      ...runPlanOptions({
        queueUrl: conn.queueUrl,
        out: v.out,
        note: (shot, m) => cmd.err(`${path.relative(process.cwd(), shot.shotFile) || shot.shotFile}: ${m}`),
      }),
      signal: ac.signal,
    }).catch(asError);
    if (plan instanceof Error) {
      cmd.err(`not generated, nothing uploaded or submitted: ${plan.message}`);
      return 1;
    }
    if (!plan.ok) {
      cmd.err(`refused, nothing uploaded or submitted: ${refusalText(plan.refusal)}`);
      return EXIT_OVER_BUDGET;
    }
    const fresh = plan.work.flatMap(w => (w.kind === 'new' ? [w.shot.price] : []));
    const total = fresh.reduce((sum, p) => sum + (p.usd ?? 0), 0);
    const sources = [...new Set(fresh.flatMap(p => (p.atFal ? [priceSourceText(p.atFal.source)] : [])))];
    if (provider === 'fal' && total > 0)
      process.stdout.write(
        `estimated cost: $${total.toFixed(2)} for ${plural(fresh.length, 'new take')} (prices: ${sources.join('; ')})\n`,
      );
    process.off('SIGINT', onSigint);
    if (ac.signal.aborted) return 130;
    const r = await runTakes(plan.work, conn.client, { concurrency, err: cmd.err });
    process.stdout.write(`${r.done} of ${plural(r.total, 'take')} done\n`);
    if (r.interrupted) return 130;
    return r.done === r.total ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await conn.close();
  }
}

function safeOrigin(u: string | undefined): string {
  try {
    return u ? new URL(u).origin : '(no queue URL)';
  } catch {
    return '(invalid URL)';
  }
}
