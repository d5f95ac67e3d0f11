// One MP4 from a list of clips: remux when they share codec parameters, else ffmpeg when there is
// one, else a message naming what differs. The cut and its timelines (.otio, .fcpxml) go through the
// atomic writer (src/media/atomic-write.ts): all are written to temp files beside their targets, the
// cut is read back, and only then does any replace the old files, so a cancelled, failed or full-disk export
// never leaves half a file under the user's name, nor a timeline of a cut that is not there.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { stageFile, type StagedFile } from '../atomic-write';
import { findSameFile } from '../same-file';
import { remuxDifferences } from './compatibility';
import { fcpxmlTimeline } from './fcpxml';
import { otioTimeline } from './otio';
import { ClipError, probeClip, type ClipProbe } from './probe-clip';
import { reencodeClips } from './reencode';
import { remuxClips, type JoinOptions } from './remux';
import type { ClipMeta, TimelineShot } from './timeline-shot';

export interface AssembleShot {
  name: string;
  clipPath: string;
  /** The take's prompt, endpoint and id, written into the timelines' clip metadata. */
  meta?: ClipMeta;
}

export interface AssembleOptions extends JoinOptions {
  outPath: string;
  otioPath?: string;
  fcpxmlPath?: string;
  /** Path of ffmpeg, or undefined when there is none. */
  ffmpeg?: string;
  /** Files the cut is made from besides the clips (the sequence, its shot files): never written. */
  inputs?: readonly string[];
}

export interface AssembleResult {
  method: 'remux' | 'ffmpeg';
  /** Why remuxing was not possible (empty for a remux). */
  differences: string[];
  durationSeconds: number;
  clips: ClipProbe[];
}

/** The clips cannot be remuxed and there is no ffmpeg to re-encode them. */
export class NeedsFfmpegError extends Error {
  constructor(readonly differences: string[]) {
    super(
      `The clips cannot be joined without re-encoding: ${differences.join('; ')}. Re-encoding needs ffmpeg: install it or set klingStudio.ffmpegPath (kling assemble --ffmpeg PATH).`,
    );
  }
}

/** An output that is one of the operation's own inputs, the other output, or a folder: refused before any work. */
export class OutputConflictError extends Error {
  constructor(
    readonly output: string,
    /** What it collides with: an input (`input`), the cut itself (`cut`), the other timeline (`timeline`), or nothing (`folder`). */
    readonly kind: 'input' | 'cut' | 'timeline' | 'folder',
    readonly other?: string,
  ) {
    super(
      kind === 'folder'
        ? `${output} is a folder: name the file to write. Nothing was written.`
        : kind === 'cut'
          ? `${output} is the cut's own file: the cut and its timeline need a file each. Nothing was written.`
          : kind === 'timeline'
            ? `${output} is named for both timelines: the OpenTimelineIO and the FCPXML timeline need a file each. Nothing was written.`
            : `${output} is one of the files the cut is made from (${other}): choose another file. Nothing was written.`,
    );
  }
}

/**
 * Refuses, before anything is read or written, an output that is an input of this cut (a clip, the
 * sequence, a shot file; by real file, so a relative path or a symlink to one is caught too), the
 * cut and its timeline on one file, and an output that is a folder.
 */
export async function checkOutputs(
  shots: readonly AssembleShot[],
  opts: Pick<AssembleOptions, 'outPath' | 'otioPath' | 'fcpxmlPath' | 'inputs'>,
): Promise<void> {
  const inputs = [...shots.map(s => s.clipPath), ...(opts.inputs ?? [])];
  const timelines = [opts.otioPath, opts.fcpxmlPath].filter((p): p is string => p !== undefined);
  for (const out of [opts.outPath, ...timelines]) {
    if ((await stat(out).catch(() => undefined))?.isDirectory()) throw new OutputConflictError(out, 'folder');
    const input = await findSameFile(out, inputs);
    if (input !== undefined) throw new OutputConflictError(out, 'input', input);
  }
  for (const timeline of timelines) {
    if ((await findSameFile(timeline, [opts.outPath])) !== undefined) throw new OutputConflictError(timeline, 'cut', opts.outPath);
  }
  if (
    opts.otioPath !== undefined &&
    opts.fcpxmlPath !== undefined &&
    (await findSameFile(opts.fcpxmlPath, [opts.otioPath])) !== undefined
  ) {
    throw new OutputConflictError(opts.fcpxmlPath, 'timeline', opts.otioPath);
  }
}

/** A path by its folder's real path: a timeline's relative media paths must hold on the disk, past symlinks. */
async function onDisk(path: string): Promise<string> {
  return join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path));
}

/** The cut as written must read back as an MP4 of the expected length: ffmpeg 5 exits 0 after a failed write. */
async function verifyCut(path: string, seconds: number, fps: number): Promise<void> {
  let got: ClipProbe;
  try {
    got = await probeClip(path);
  } catch (e) {
    throw new Error(`the cut did not read back as an MP4 (${e instanceof ClipError ? e.message : String(e)}); was the disk full?`, {
      cause: e,
    });
  }
  const length = got.end - got.start;
  if (Math.abs(length - seconds) > 0.5 + 2 / (fps || 24)) {
    throw new Error(`the cut came out ${length.toFixed(2)} s long instead of ${seconds.toFixed(2)} s; was the disk full?`);
  }
}

export async function assembleClips(shots: readonly AssembleShot[], opts: AssembleOptions): Promise<AssembleResult> {
  if (shots.length === 0) throw new Error('The sequence has no shots to assemble');
  await checkOutputs(shots, opts);
  const clips: ClipProbe[] = [];
  for (const s of shots) clips.push(await probeClip(s.clipPath));
  const differences = remuxDifferences(clips);
  if (differences.length && !opts.ffmpeg) throw new NeedsFfmpegError(differences);
  const method = differences.length ? 'ffmpeg' : 'remux';
  const durationSeconds = clips.reduce((s, c) => s + (c.end - c.start), 0);
  const staged: StagedFile[] = [];
  try {
    const cut = await stageFile(
      opts.outPath,
      async temp => {
        if (method === 'remux') await remuxClips(clips, temp, opts);
        else await reencodeClips(opts.ffmpeg!, clips, temp.path, opts);
        await verifyCut(temp.path, durationSeconds, clips[0]!.video.fps);
      },
      { sweep: true },
    );
    staged.push(cut);
    const name = basename(opts.outPath, extname(opts.outPath));
    const timelineShots: TimelineShot[] = [];
    for (const [i, s] of shots.entries()) {
      const clip = { ...clips[i]!, path: await realpath(clips[i]!.path).catch(() => clips[i]!.path) };
      timelineShots.push({ name: s.name, clip, ...(s.meta && { meta: s.meta }) });
    }
    if (opts.otioPath) {
      const otioPath = opts.otioPath;
      staged.push(
        await stageFile(
          otioPath,
          async temp => temp.write(JSON.stringify(otioTimeline(name, timelineShots, await onDisk(otioPath)), null, 2) + '\n'),
          { sweep: true },
        ),
      );
    }
    if (opts.fcpxmlPath) {
      const fcpxmlPath = opts.fcpxmlPath;
      staged.push(
        await stageFile(fcpxmlPath, async temp => temp.write(fcpxmlTimeline(name, timelineShots, await onDisk(fcpxmlPath))), {
          sweep: true,
        }),
      );
    }
    for (const s of staged) await s.commit();
  } catch (e) {
    await Promise.all(staged.map(s => s.discard()));
    throw e;
  }
  return { method, differences, durationSeconds, clips };
}
