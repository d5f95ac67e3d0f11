// `kling assemble <seq.kling-seq.json> --out cut.mp4`: one MP4 (and a timeline) of a sequence.
// Exit 1 when a shot has no done take or the clips cannot be joined, 2 for usage errors.
import * as path from 'node:path';
import { readableInside, realRoots } from '../takes/boundary';
import { reportSequence, type ResolvedEntry } from '../takes/sequence-takes';
import { takeClipMeta } from '../takes/clip-meta';
import { isSequenceFile, pathAsWritten, errorText } from '../core';
import {
  assembleClips,
  checkOutputs,
  ClipError,
  findFfmpeg,
  NeedsFfmpegError,
  OutputConflictError,
  type AssembleShot,
} from '../media/assemble';
import { readShotFile } from '../takes/shot-file';
import { command, rendersOption } from './command-line';
import { readRootsOf } from './project-root';
import { defineCommand, HELP_OPTION } from './usage';

export const ASSEMBLE = defineCommand({
  name: 'assemble',
  forms: ['<sequence.kling-seq.json>'],
  summary: "join the takes of a sequence's shots into one MP4 (and OpenTimelineIO / FCPXML timelines)",
  about: `Joins the take of every shot of the sequence into one MP4: a pinned take, else the shot's circled
take, else its newest done take. Clips with the same codec parameters are joined without
re-encoding; others are re-encoded with ffmpeg (scaled and padded to the first clip's size).
The timelines name each clip's file relative to themselves, so the project can be moved whole,
and carry each take's prompt, endpoint and take id.`,
  options: {
    out: { type: 'string', value: 'FILE', required: true, help: 'the MP4 to write (required)' },
    otio: { type: 'string', value: 'FILE', help: 'also write an OpenTimelineIO timeline of the cut (Premiere, Resolve)' },
    fcpxml: { type: 'string', value: 'FILE', help: 'also write an FCPXML timeline of the cut (Final Cut Pro, Resolve)' },
    renders: {
      type: 'string',
      value: 'DIR',
      help: "where the shots' takes are, as given to kling generate --out (default: renders/ beside each shot file)",
    },
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: "project folder the shots, their take records and clips must stay inside (repeatable; default: the nearest folder above the sequence with .git, .vscode or package.json, else the sequence's folder)",
    },
    ffmpeg: { type: 'string', value: 'PATH', help: 'ffmpeg to use when re-encoding is needed (default: ffmpeg on PATH)' },
    help: HELP_OPTION,
  },
  notes: `The cut (and the timeline) replace the old files only once they are written whole: on any error
the old files are kept and nothing half-written is left. --out, --otio and --fcpxml must not name a
file the cut is made from (a clip, a shot file, the sequence), nor one another.

exit code: 1 if a shot has no done take or the clips cannot be joined or written, 2 for usage
           errors (an output that is an input), 130 when interrupted (nothing is written),
           0 otherwise`,
});

export async function runAssemble(args: string[]): Promise<number> {
  const cmd = command(ASSEMBLE);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (parsed.positionals.length !== 1) return cmd.usageError('give exactly one sequence file');
  if (!v.out) return cmd.usageError('--out FILE is required');
  const seqPath = path.resolve(parsed.positionals[0]!);
  if (!isSequenceFile(seqPath)) return cmd.usageError(`not a sequence file (*.kling-seq.json): ${parsed.positionals[0]}`);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const outPath = path.resolve(v.out);
  const otioPath = v.otio ? path.resolve(v.otio) : undefined;
  const fcpxmlPath = v.fcpxml ? path.resolve(v.fcpxml) : undefined;
  const ready = await readyCut(seqPath, parsed.positionals[0]!, {
    given: (v.root ?? []).map(r => path.resolve(r)),
    renders: v.renders,
    outPath,
    otioPath,
    fcpxmlPath,
    rel,
  });
  if (!ready.ok) {
    for (const line of ready.lines) cmd.err(line);
    return ready.usage ? 2 : 1;
  }
  const { shots, inputs } = ready;
  const ffmpeg = await findFfmpeg(v.ffmpeg);
  if (v.ffmpeg && !ffmpeg) return cmd.usageError(`--ffmpeg: not an executable file: ${v.ffmpeg}`);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  let shown = -1;
  try {
    const result = await assembleClips(shots, {
      outPath,
      otioPath,
      fcpxmlPath,
      inputs,
      ffmpeg,
      signal: abort.signal,
      onProgress: f => {
        const pct = Math.floor(f * 10) * 10;
        if (pct > shown && process.stderr.isTTY) process.stderr.write(`\r${pct}%`);
        shown = Math.max(shown, pct);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\r');
    const how = result.method === 'remux' ? 'joined without re-encoding' : `re-encoded with ffmpeg (${result.differences.join('; ')})`;
    process.stdout.write(
      `${rel(path.resolve(v.out))}: ${shots.length} shot${shots.length === 1 ? '' : 's'}, ${result.durationSeconds.toFixed(2)} s, ${how}\n`,
    );
    if (otioPath) process.stdout.write(`${rel(otioPath)}: OpenTimelineIO timeline\n`);
    if (fcpxmlPath) process.stdout.write(`${rel(fcpxmlPath)}: FCPXML timeline\n`);
    return 0;
  } catch (e) {
    if (abort.signal.aborted) {
      cmd.err('cancelled; nothing was written');
      return 130;
    }
    if (e instanceof NeedsFfmpegError || e instanceof ClipError) {
      cmd.err(e.message);
      return 1;
    }
    const outputs = [outPath, otioPath, fcpxmlPath].filter((p): p is string => p !== undefined).map(rel);
    const kept = outputs.length === 1 ? `${outputs[0]} is` : `${outputs.slice(0, -1).join(', ')} and ${outputs.at(-1)} are`;
    cmd.err(`the cut could not be written (${errorText(e)}); ${kept} unchanged.`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export type ReadyCut =
  | { ok: true; shots: AssembleShot[]; inputs: string[] }
  /** `usage`: an output that is one of the inputs (exit 2). */
  | { ok: false; usage: boolean; lines: string[] };

/**
 * Everything `kling assemble` checks before any work (and `kling mcp`'s assemble_sequence): the
 * sequence resolves, every shot has a done take whose clip is inside the roots, and no output is
 * one of the cut's inputs.
 */
export async function readyCut(
  seqPath: string,
  shown: string,
  o: {
    given: readonly string[];
    renders: string | undefined;
    outPath: string;
    otioPath: string | undefined;
    fcpxmlPath: string | undefined;
    rel: (p: string) => string;
  },
): Promise<ReadyCut> {
  const lines: string[] = [];
  const fail = (usage = false): ReadyCut => ({ ok: false, usage, lines });
  const read = await readShotFile(seqPath, { shown });
  if ('diagnostic' in read) return (lines.push(read.diagnostic.message), fail());
  const roots = await readRootsOf(seqPath, o.given, [o.renders]);
  const report = await reportSequence(seqPath, read.text, { ...rendersOption(o.renders), roots });
  const broken = report.diagnostics.filter(d => d.severity === 'error');
  for (const d of broken) lines.push(`${o.rel(seqPath)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  if (broken.length) return fail();
  for (const e of report.entries.filter(e => !e.resolved))
    lines.push(`shot ${e.entry.shot} has no done take: generate it first (kling generate ${o.rel(e.shotPath)})`);
  if (lines.length) return fail();
  const shots = await clipsInside(report.entries, roots, m => lines.push(m));
  if (!shots) return fail();
  // Before any work: an output that is one of the cut's own inputs would be lost with the cut.
  const inputs = [seqPath, ...report.entries.flatMap(e => [e.shotPath, e.resolved!.take.path])];
  try {
    await checkOutputs(shots, { outPath: o.outPath, otioPath: o.otioPath, fcpxmlPath: o.fcpxmlPath, inputs });
  } catch (e) {
    if (!(e instanceof OutputConflictError)) throw e;
    // By what collided: one path may be given to several options.
    const option =
      e.kind === 'timeline'
        ? '--fcpxml'
        : e.kind === 'cut'
          ? e.output === o.otioPath
            ? '--otio'
            : '--fcpxml'
          : e.output === o.outPath
            ? '--out'
            : e.output === o.otioPath
              ? '--otio'
              : '--fcpxml';
    lines.push(`${option}: ${e.message}`);
    return fail(true);
  }
  return { ok: true, shots, inputs };
}

/** Each entry's clip, by its real path, when that is a regular file inside the roots; else every refusal is said. */
async function clipsInside(
  entries: readonly ResolvedEntry[],
  roots: readonly string[],
  err: (m: string) => void,
): Promise<AssembleShot[] | undefined> {
  const real = await realRoots(roots);
  const shots: AssembleShot[] = [];
  let refused = false;
  for (const e of entries) {
    const clip = e.resolved!.take.clipPath!;
    const c = await readableInside(clip, real, { kind: 'clip', shown: path.relative(process.cwd(), clip) || clip });
    const meta = await takeClipMeta(e.resolved!.take.path, roots);
    if (c.ok) shots.push({ name: path.basename(e.shotPath), clipPath: c.realPath, meta });
    // A missing clip is the cut's own error (ClipError names it); only what must not be read stops here.
    else if (c.missing) shots.push({ name: path.basename(e.shotPath), clipPath: clip, meta });
    else {
      err(`shot ${pathAsWritten(e.entry.shot)}: ${c.error.message}`);
      refused = true;
    }
  }
  return refused ? undefined : shots;
}
