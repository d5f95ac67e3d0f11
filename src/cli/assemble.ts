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
  about: `Joins the take of every shot of the sequence into one MP4: a pinned take, else the shot's selected
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
  const read = await readShotFile(seqPath, { shown: parsed.positionals[0]! });
  if ('diagnostic' in read) {
    cmd.err(read.diagnostic.message);
    return 1;
  }
  const roots = await readRootsOf(
    seqPath,
    (v.root ?? []).map(r => path.resolve(r)),
    [v.renders],
  );
  const report = await reportSequence(seqPath, read.text, { ...rendersOption(v.renders), roots });
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const broken = report.diagnostics.filter(d => d.severity === 'error');
  if (broken.length) {
    for (const d of broken) cmd.err(`${rel(seqPath)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    return 1;
  }
  const missing = report.entries.filter(e => !e.resolved);
  if (missing.length) {
    for (const e of missing) cmd.err(`shot ${e.entry.shot} has no done take: generate it first (kling generate ${rel(e.shotPath)})`);
    return 1;
  }
  const shots = await clipsInside(report.entries, roots, cmd.err);
  if (!shots) return 1;
  // Before any work: an output that is one of the cut's own inputs would be lost with the cut.
  const outPath = path.resolve(v.out);
  const otioPath = v.otio ? path.resolve(v.otio) : undefined;
  const fcpxmlPath = v.fcpxml ? path.resolve(v.fcpxml) : undefined;
  const inputs = [seqPath, ...report.entries.flatMap(e => [e.shotPath, e.resolved!.take.path])];
  try {
    await checkOutputs(shots, { outPath, otioPath, fcpxmlPath, inputs });
  } catch (e) {
    if (!(e instanceof OutputConflictError)) throw e;
    // By what collided: one path may be given to several options.
    const option =
      e.kind === 'timeline'
        ? '--fcpxml'
        : e.kind === 'cut'
          ? e.output === otioPath
            ? '--otio'
            : '--fcpxml'
          : e.output === outPath
            ? '--out'
            : e.output === otioPath
              ? '--otio'
              : '--fcpxml';
    cmd.err(`${option}: ${e.message}`);
    return 2;
  }
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
