// `kling takes <shot.kling.json>` lists a shot's takes, newest
// first, with the circled one marked; `kling takes select <take.json>` circles that take (and so
// uncircles the shot's others). Exit 0 on success, 1 when a file cannot be read, 2 for usage errors.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  clipPathForRecord,
  outputDirFor,
  phaseDurations,
  selectTake,
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
  forms: ['<shot.kling.json>', 'select <take.json>'],
  summary: "list a shot's takes, newest first (* = selected), or select (circle) one of them",
  options: {
    out: { type: 'string', value: 'DIR', help: "where the shot's takes are (default: renders/ beside the shot file); not with select" },
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: 'project folder the take records must really be inside (repeatable; default: the nearest folder above the shot or record with .git, .vscode or package.json, else its folder; --out is inside too)',
    },
    format: {
      type: 'string',
      value: 'text|json',
      help: 'json: [{ record, clip, status, requestId, createdAt, selected, costUsd, simulated, phaseAt, phaseMs }] (costUsd: what fal billed, else the estimate; 0 for a take on the free simulator, which has simulated: true; phaseAt: when each status began; phaseMs: how long the take was queued, running and downloading, where known)',
    },
    help: HELP_OPTION,
  },
});

export interface TakeListing {
  record: string;
  clip: string | null;
  status: string;
  requestId: string | null;
  createdAt: string;
  selected: boolean;
  /** What fal billed, else the estimate made at submit; 0 for simulator takes (free). */
  costUsd: number | null;
  /** The take ran on the offline simulator: it cost nothing. */
  simulated: boolean;
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
  if (first === 'select') {
    if (more.length !== 1) return cmd.usageError('select takes one take record (<shot>.<stamp>.take.json)');
    if (v.out !== undefined) return cmd.usageError('--out does not go with select: the take record says where it is');
    return select(more[0]!, given, cmd.err);
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

async function select(file: string, given: readonly string[], err: (m: string) => void): Promise<number> {
  const recordPath = path.resolve(file);
  if (!recordPath.endsWith('.take.json')) {
    err(`${file}: not a take record (its name must end in .take.json)`);
    return 1;
  }
  try {
    const r = await selectTake(recordPath, { roots: await readRootsOf(recordPath, given) });
    process.stdout.write(
      `selected ${path.basename(recordPath)} for ${path.basename(r.shotFile)} (${path.relative(process.cwd(), r.selectionPath)})\n`,
    );
    return 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') err(`${file}: no such file; nothing was selected`);
    // The boundary's or the parser's sentence names the file and what is wrong with it.
    else if (e instanceof ReadRefusedError || e instanceof NotATakeRecordError)
      err(`${e.message.replace(/\.$/, '')}; nothing was selected`);
    else err(`${file}: not a readable take record; nothing was selected`);
    return 1;
  }
}

export function listingOf(t: ShotTake): TakeListing {
  const r = t.record;
  const simulated = isSimulated(r);
  return {
    record: t.path,
    clip: r.status === 'done' ? clipPathForRecord(t.path) : null,
    status: r.status,
    requestId: r.requestId ?? null,
    createdAt: r.createdAt,
    selected: t.selected,
    costUsd: simulated ? 0 : (takeCostUsd(r) ?? null),
    simulated,
    phaseAt: r.phaseAt ?? null,
    phaseMs: phaseDurations(r),
  };
}

function textLine(t: TakeListing): string {
  const cost = t.simulated ? '  $0.00 (simulated)' : t.costUsd === null ? '' : `  $${t.costUsd.toFixed(2)}`;
  return `${t.selected ? '*' : ' '} ${path.relative(process.cwd(), t.record)}  ${t.status}  ${t.createdAt}${cost}${t.requestId ? `  ${t.requestId}` : ''}\n`;
}
