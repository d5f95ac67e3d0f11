// `kling takes <shot.kling.json>` lists a shot's takes, newest first, with their numbers, ratings
// and notes and the circled one marked; `kling takes circle <take.json>` circles that take (and so
// uncircles the shot's others; `select` is its older name); `rate` and `note` write the creator's
// review into the record. Exit 0 on success, 1 when a file cannot be read, 2 for usage errors.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  clipPathForRecord,
  outputDirFor,
  phaseDurations,
  reviewProblem,
  reviewTake,
  selectTake,
  TakeBusyError,
  type TakeReview,
  takesOfShot,
  type PhaseAt,
  type ShotTake,
  type TimedPhase,
} from '../takes';
import { isSimulated, takeCostUsd } from '../core';
import { ReadRefusedError } from '../takes/boundary';
import { NotATakeRecordError } from '../takes/store/record-read';
import { command } from './command-line';
import { readRootsOf } from './project-root';
import { defineCommand, HELP_OPTION } from './usage';

export const TAKES = defineCommand({
  name: 'takes',
  forms: ['<shot.kling.json>', 'circle <take.json>', 'rate <take.json> <1-5|none>', 'note <take.json> <text>'],
  summary: "list a shot's takes, newest first (* = circled), circle one of them, or rate it and note it",
  options: {
    out: {
      type: 'string',
      value: 'DIR',
      help: "where the shot's takes are (default: renders/ beside the shot file); not with circle, rate or note",
    },
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: 'project folder the take records must really be inside (repeatable; default: the nearest folder above the shot or record with .git, .vscode or package.json, else its folder; --out is inside too)',
    },
    format: {
      type: 'string',
      value: 'text|json',
      help: "json: [{ number, record, clip, status, requestId, createdAt, circled, selected, rating, note, costUsd, simulated, atFalUsd, phaseAt, phaseMs }] (number: the take's number in its shot, #1 first; selected: the older name of circled; rating: 1-5 or null; costUsd: what fal billed, else the estimate; 0 for a take on the free simulator, which has simulated: true and atFalUsd: what fal would have charged, or null where the record predates it; phaseAt: when each status began; phaseMs: how long the take was queued, running and downloading, where known)",
    },
    help: HELP_OPTION,
  },
});

export interface TakeListing {
  /** The take's number in its shot (#1 is the first take). */
  number: number;
  record: string;
  clip: string | null;
  status: string;
  requestId: string | null;
  createdAt: string;
  /** The shot's circled take (the one the creator keeps). */
  circled: boolean;
  /** The older name of `circled`, kept for scripts that read it. */
  selected: boolean;
  rating: number | null;
  note: string | null;
  /** What fal billed, else the estimate made at submit; 0 for simulator takes (free). */
  costUsd: number | null;
  /** The take ran on the offline simulator: it cost nothing. */
  simulated: boolean;
  /** A simulated take: what fal would have charged for it (null: not recorded, or a fal take). */
  atFalUsd: number | null;
  /** When the take entered each status after its submit; null for records older than the stamps. */
  phaseAt: PhaseAt | null;
  /** Milliseconds queued, running and downloading, for the phases whose start and end are known. */
  phaseMs: Partial<Record<TimedPhase, number>>;
}

export async function runTakes(args: string[]): Promise<number> {
  const cmd = command(TAKES);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') return cmd.usageError(`--format must be text or json, not '${format}'`);
  const [first, ...more] = parsed.positionals;
  const given = (v.root ?? []).map(r => path.resolve(r));
  if (first === 'select' || first === 'circle') {
    if (more.length !== 1) return cmd.usageError(`${first} takes one take record (<shot>.<stamp>.take.json)`);
    if (v.out !== undefined) return cmd.usageError(`--out does not go with ${first}: the take record says where it is`);
    return circle(more[0]!, given, cmd.err);
  }
  if (first === 'rate' || first === 'note') {
    if (more.length !== 2)
      return cmd.usageError(
        first === 'rate' ? 'rate takes a take record and 1-5 (or none)' : 'note takes a take record and the text ("" clears it)',
      );
    if (v.out !== undefined) return cmd.usageError(`--out does not go with ${first}: the take record says where it is`);
    const [file, value] = more as [string, string];
    const review: TakeReview =
      first === 'note' ? { note: value } : { rating: value === 'none' ? null : /^\d+$/.test(value) ? Number(value) : NaN };
    if (first === 'rate' && Number.isNaN(review.rating))
      return cmd.usageError(`rating must be a whole number from 1 to 5 (or none), not '${value}'`);
    const problem = reviewProblem(review);
    if (problem) return cmd.usageError(problem);
    return review1(file, review, given, cmd.err);
  }
  if (first === undefined || more.length) return cmd.usageError('give one shot file');
  const shot = path.resolve(first);
  try {
    await fs.access(shot);
  } catch {
    cmd.err(`${first}: no such shot file`);
    return 1;
  }
  const outputDir = v.out !== undefined ? path.resolve(v.out) : outputDirFor(shot, undefined);
  const takes = await takesOfShot(outputDir, shot, {
    roots: await readRootsOf(shot, given, [v.out]),
    // A record the boundary refused (outside the project, a FIFO, a device) is named; a torn or foreign file stays quiet.
    onSkip: (_path, reason, refused) => void (refused && cmd.err(`skipped: ${reason}`)),
  });
  const listing = takes.map(listingOf);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(listing, null, 2) + '\n');
  } else if (listing.length === 0) {
    process.stdout.write(`no takes of ${first} in ${path.relative(process.cwd(), outputDir) || '.'}\n`);
  } else {
    for (const t of listing) process.stdout.write(textLine(t));
  }
  return 0;
}

/** Whether `file` may be a take record; says why not. */
function recordName(file: string, err: (m: string) => void): string | undefined {
  const recordPath = path.resolve(file);
  if (recordPath.endsWith('.take.json')) return recordPath;
  err(`${file}: not a take record (its name must end in .take.json)`);
  return undefined;
}

/** One line naming the file and what is wrong with it, for a record that could not be used. */
function recordError(file: string, e: unknown, nothing: string): string {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return `${file}: no such file; ${nothing}`;
  // The boundary's, the parser's or the lock's sentence names the file and what is wrong with it.
  if (e instanceof ReadRefusedError || e instanceof NotATakeRecordError || e instanceof TakeBusyError)
    return `${e.message.replace(/\.$/, '')}; ${nothing}`;
  return `${file}: not a readable take record; ${nothing}`;
}

async function circle(file: string, given: readonly string[], err: (m: string) => void): Promise<number> {
  const recordPath = recordName(file, err);
  if (!recordPath) return 1;
  try {
    const r = await selectTake(recordPath, { roots: await readRootsOf(recordPath, given) });
    process.stdout.write(
      `circled ${path.basename(recordPath)} for ${path.basename(r.shotFile)} (${path.relative(process.cwd(), r.selectionPath)})\n`,
    );
    return 0;
  } catch (e) {
    err(recordError(file, e, 'nothing was circled'));
    return 1;
  }
}

async function review1(file: string, review: TakeReview, given: readonly string[], err: (m: string) => void): Promise<number> {
  const recordPath = recordName(file, err);
  if (!recordPath) return 1;
  try {
    const r = await reviewTake(recordPath, review, { roots: await readRootsOf(recordPath, given) });
    const what =
      review.note !== undefined
        ? r.note
          ? `noted "${r.note}"`
          : 'cleared the note of'
        : r.rating
          ? `rated ${r.rating}/5`
          : 'cleared the rating of';
    process.stdout.write(`${what} ${path.basename(recordPath)}\n`);
    return 0;
  } catch (e) {
    err(recordError(file, e, 'nothing was written'));
    return 1;
  }
}

export function listingOf(t: ShotTake): TakeListing {
  const r = t.record;
  const simulated = isSimulated(r);
  return {
    number: t.number,
    record: t.path,
    clip: r.status === 'done' ? clipPathForRecord(t.path) : null,
    status: r.status,
    requestId: r.requestId ?? null,
    createdAt: r.createdAt,
    circled: t.selected,
    selected: t.selected,
    rating: r.rating ?? null,
    note: r.note ?? null,
    costUsd: simulated ? 0 : (takeCostUsd(r) ?? null),
    simulated,
    atFalUsd: simulated ? (r.atFalUsd ?? null) : null,
    phaseAt: r.phaseAt ?? null,
    phaseMs: phaseDurations(r),
  };
}

function textLine(t: TakeListing): string {
  const atFal = t.atFalUsd === null ? '' : `, at fal prices: $${t.atFalUsd.toFixed(2)}`;
  const cost = t.simulated ? `  $0.00 (simulated${atFal})` : t.costUsd === null ? '' : `  $${t.costUsd.toFixed(2)}`;
  const rating = t.rating === null ? '-  ' : `${t.rating}/5`;
  // The note last, quoted on one line: it is free text and may be long.
  const note = t.note === null ? '' : `  ${JSON.stringify(t.note)}`;
  return `${t.circled ? '*' : ' '} ${`#${t.number}`.padEnd(4)} ${rating}  ${path.relative(process.cwd(), t.record)}  ${t.status}  ${t.createdAt}${cost}${t.requestId ? `  ${t.requestId}` : ''}${note}\n`;
}
