// `kling spend [folders…]`: what the takes below the
// folders cost, from their take records (billed amount when fal reported one, else the estimate).
// fal takes only; simulator takes are free and counted apart, at $0 and at what fal would have
// charged (the estimate each record keeps), so a cut made offline can be priced. Exit 0, 2 for usage errors.
import * as path from 'node:path';
import { isSequenceFile, sequenceShotFiles, sequenceSpend } from '../core';
import { MAX_SEQUENCE_BYTES, readTextInside } from '../takes/boundary';
import { ledgerOf } from '../takes/spend-records';
import { command } from './command-line';
import { expandFileArgs } from './expand-files';
import { defineCommand, HELP_OPTION } from './usage';

export const SPEND = defineCommand({
  name: 'spend',
  forms: ['[folders…]'],
  summary: 'what the takes below the folders cost',
  options: {
    since: { type: 'string', value: 'YYYY-MM-DD', help: 'only takes created on or after this day (local time)' },
    format: {
      type: 'string',
      value: 'text|json',
      default: 'text',
      help: 'json: { "totalUsd", "takes", "byShot": { "<shot path>": usd }, "bySequence": { "<sequence path>": usd }, "simulatorBySequence": { "<sequence path>": { "takes", "usd": 0, "atFalUsd" } }, "today", "month", "simulator": { "takes", "usd": 0, "atFalUsd", "unpriced" }, "unpriced", "unreadable" }',
    },
    help: HELP_OPTION,
  },
  notes: `Reads every *.take.json below the folders (default: the current folder). A take counts once it
reached fal; the billed amount is used when fal reported one, else the estimate made at submit.
A sequence (*.kling-seq.json below the folders) costs every take of the shots it lists.
Simulator takes cost $0; beside them "at fal prices" is what fal would have charged for them, from
the estimate each take record keeps (takes recorded before that have none and are counted apart).`,
});

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function sinceOf(v: string): number | string {
  const m = DAY.exec(v);
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
  if (!m || !d || d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3])) return `--since must be a date YYYY-MM-DD, not '${v}'`;
  return d.getTime();
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** Every sequence file below the folders with the shot files it lists (absolute); unreadable ones are left out. */
async function sequencesBelow(folders: readonly string[], cwd: string): Promise<{ file: string; shots: string[] }[]> {
  const { files } = await expandFileArgs([...folders], cwd, ['**/*.kling-seq.json']);
  const out: { file: string; shots: string[] }[] = [];
  for (const f of files) {
    const file = path.resolve(cwd, f);
    if (!isSequenceFile(file)) continue;
    // Read inside the folders only: a sequence symlinked elsewhere, a FIFO or a huge file is left out.
    const text = await readTextInside(file, { roots: folders, maxBytes: MAX_SEQUENCE_BYTES, kind: 'sequence file' }).catch(() => undefined);
    if (text !== undefined) out.push({ file, shots: sequenceShotFiles(file, text) });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export async function runSpend(args: string[], cwd: string = process.cwd()): Promise<number> {
  const cmd = command(SPEND);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.format !== 'text' && values.format !== 'json') return cmd.usageError(`--format must be text or json, not '${values.format}'`);
  const since = values.since === undefined ? undefined : sinceOf(values.since);
  if (typeof since === 'string') return cmd.usageError(since);
  const folders = (positionals.length ? positionals : ['.']).map(f => path.resolve(cwd, f));
  const { ledger, unreadable } = await ledgerOf(folders, new Date(), since);
  const shown = (f: string) =>
    f === '' ? '(no shot file)' : path.isAbsolute(f) && !path.relative(cwd, f).startsWith('..') ? path.relative(cwd, f) : f;
  const byShot = Object.fromEntries([...ledger.byShot].sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => [shown(f), cents(t.usd)]));
  const sequences = (await sequencesBelow(folders, cwd)).map(({ file, shots }) => ({
    file: shown(file),
    spend: sequenceSpend(ledger, shots),
  }));
  const bySequence = Object.fromEntries(sequences.map(({ file, spend }) => [file, cents(spend.usd)]));
  const simulatorBySequence = Object.fromEntries(
    sequences
      .filter(s => s.spend.simulatorTakes > 0)
      .map(({ file, spend }) => [file, { takes: spend.simulatorTakes, usd: 0, atFalUsd: cents(spend.simulatorAtFalUsd) }]),
  );
  for (const u of unreadable) cmd.err(`skipped ${u}`);
  if (values.format === 'json') {
    process.stdout.write(
      JSON.stringify(
        {
          totalUsd: cents(ledger.workspace.usd),
          takes: ledger.workspace.takes,
          byShot,
          bySequence,
          simulatorBySequence,
          today: { usd: cents(ledger.today.usd), takes: ledger.today.takes },
          month: { usd: cents(ledger.month.usd), takes: ledger.month.takes },
          simulator: {
            takes: ledger.simulator.takes,
            usd: 0,
            atFalUsd: cents(ledger.simulator.atFalUsd),
            unpriced: ledger.simulator.unpriced,
          },
          unpriced: ledger.unpriced,
          unreadable: unreadable.length,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const usd = (n: number) => `$${n.toFixed(2)}`;
  const takes = (n: number) => `${n} take${n === 1 ? '' : 's'}`;
  const sim = ledger.simulator;
  const atFal = (n: number, unpriced = 0) =>
    ` · at fal prices: ${usd(n)}${unpriced ? ` (${unpriced} with no fal price recorded, not included)` : ''}`;
  const lines = [
    `total ${usd(ledger.workspace.usd)} over ${ledger.workspace.takes} fal take${ledger.workspace.takes === 1 ? '' : 's'}${since === undefined ? '' : ` since ${values.since}`}`,
    `today ${usd(ledger.today.usd)}, this month ${usd(ledger.month.usd)}`,
    ...Object.entries(byShot).map(([f, v]) => `  ${usd(v).padStart(9)}  ${f}`),
    ...(Object.keys(bySequence).length ? ['by sequence (every take of its shots):'] : []),
    ...sequences.map(
      ({ file, spend }) =>
        `  ${usd(cents(spend.usd)).padStart(9)}  ${file}${
          spend.simulatorTakes
            ? `  + simulator ${takes(spend.simulatorTakes)} at ${usd(0)}${spend.simulatorAtFalUsd > 0 ? atFal(spend.simulatorAtFalUsd) : ' (free)'}`
            : ''
        }`,
    ),
    ...(sim.takes
      ? [`simulator: ${takes(sim.takes)} at ${usd(0)} (free)${sim.takes > sim.unpriced ? atFal(sim.atFalUsd, sim.unpriced) : ''}`]
      : []),
    ...(ledger.unpriced ? [`${ledger.unpriced} take(s) with no estimate or billed amount counted as $0`] : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
