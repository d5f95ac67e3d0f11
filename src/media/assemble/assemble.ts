// One MP4 from a list of clips: remux when they share codec parameters, else ffmpeg when there is
// one, else a message naming what differs. Written to a temp file beside the output, then renamed,
// so a cancelled or failed export never leaves half a file under the user's name.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { remuxDifferences } from './compatibility';
import { otioTimeline } from './otio';
import { probeClip, type ClipProbe } from './probe-clip';
import { reencodeClips } from './reencode';
import { remuxClips, type JoinOptions } from './remux';

export interface AssembleShot {
  name: string;
  clipPath: string;
}

export interface AssembleOptions extends JoinOptions {
  outPath: string;
  otioPath?: string;
  /** Path of ffmpeg, or undefined when there is none. */
  ffmpeg?: string;
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

function tempPathFor(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.${process.pid}-${randomBytes(4).toString('hex')}.partial${ext}`;
}

async function writeThenRename(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export async function assembleClips(shots: readonly AssembleShot[], opts: AssembleOptions): Promise<AssembleResult> {
  if (shots.length === 0) throw new Error('The sequence has no shots to assemble');
  const clips: ClipProbe[] = [];
  for (const s of shots) clips.push(await probeClip(s.clipPath));
  const differences = remuxDifferences(clips);
  if (differences.length && !opts.ffmpeg) throw new NeedsFfmpegError(differences);
  const method = differences.length ? 'ffmpeg' : 'remux';
  await writeThenRename(opts.outPath, tmp =>
    method === 'remux' ? remuxClips(clips, tmp, opts) : reencodeClips(opts.ffmpeg!, clips, tmp, opts),
  );
  if (opts.otioPath) {
    const timeline = otioTimeline(
      basename(opts.outPath, extname(opts.outPath)),
      shots.map((s, i) => ({ name: s.name, clip: clips[i]! })),
    );
    await writeThenRename(opts.otioPath, tmp => writeFile(tmp, JSON.stringify(timeline, null, 2) + '\n'));
  }
  return { method, differences, durationSeconds: clips.reduce((s, c) => s + (c.end - c.start), 0), clips };
}
