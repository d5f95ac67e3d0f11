// Joining clips that differ (size, codec, frame rate, audio): ffmpeg's concat filter re-encodes
// them into the first clip's size and frame rate, letterboxed, with silence for clips that have none.
import { spawn } from 'node:child_process';
import { ffmpegWriteFailure } from '../find-ffmpeg';
import type { ClipProbe } from './probe-clip';
import { abortError, type JoinOptions } from './remux';

const SAMPLE_RATE = 48000;

/** ffmpeg's arguments for the join; exported so the filter graph is testable without running it. */
export function reencodeArgs(clips: readonly ClipProbe[], outPath: string): string[] {
  const first = clips[0]!;
  const { width: w, height: h } = first.video;
  // Even sizes: H.264 in 4:2:0 needs them.
  const W = w + (w % 2),
    H = h + (h % 2);
  const fps = first.video.fps || 24;
  const withAudio = clips.some(c => c.audio);
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
  clips.forEach(c => args.push('-i', c.path));
  const filters: string[] = [];
  const pads: string[] = [];
  let silent = clips.length;
  clips.forEach((c, i) => {
    const length = (c.end - c.start).toFixed(6);
    filters.push(
      `[${i}:v:0]trim=start=${c.start.toFixed(6)}:duration=${length},setpts=PTS-STARTPTS,scale=${W}:${H}:force_original_aspect_ratio=decrease,pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${fps},format=yuv420p[v${i}]`,
    );
    pads.push(`[v${i}]`);
    if (!withAudio) return;
    if (c.audio) {
      filters.push(
        `[${i}:a:0]atrim=start=${c.start.toFixed(6)}:duration=${length},asetpts=PTS-STARTPTS,aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_dur=${length}[a${i}]`,
      );
    } else {
      args.push('-f', 'lavfi', '-t', length, '-i', `anullsrc=r=${SAMPLE_RATE}:cl=stereo`);
      filters.push(`[${silent++}:a:0]aformat=sample_fmts=fltp:channel_layouts=stereo[a${i}]`);
    }
    pads.push(`[a${i}]`);
  });
  filters.push(`${pads.join('')}concat=n=${clips.length}:v=1:a=${withAudio ? 1 : 0}[v]${withAudio ? '[a]' : ''}`);
  args.push('-filter_complex', filters.join(';'), '-map', '[v]');
  if (withAudio) args.push('-map', '[a]', '-c:a', 'aac', '-b:a', '192k');
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-movflags', '+faststart');
  args.push('-progress', 'pipe:1', '-nostats', '-f', 'mp4', outPath);
  return args;
}

export function reencodeClips(ffmpeg: string, clips: readonly ClipProbe[], outPath: string, opts: JoinOptions = {}): Promise<void> {
  const total = clips.reduce((s, c) => s + (c.end - c.start), 0) || 1;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortError(opts.signal));
    const child = spawn(ffmpeg, reencodeArgs(clips, outPath), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const m = /out_time_us=(\d+)/.exec(chunk.split('\n').reverse().join('\n'));
      if (m) opts.onProgress?.(Math.min(1, Number(m[1]) / 1e6 / total));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // The head and the tail: a write failure is said at the end.
      stderr = stderr.length < 8000 ? stderr + chunk : stderr.slice(0, 4000) + stderr.slice(-4000) + chunk;
    });
    child.on('error', e => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`ffmpeg could not be started (${ffmpeg}): ${e.message}`));
    });
    child.on('close', code => {
      opts.signal?.removeEventListener('abort', onAbort);
      const writeFailure = ffmpegWriteFailure(stderr);
      if (aborted) reject(abortError(opts.signal));
      else if (code === 0 && writeFailure !== undefined) reject(new Error(`ffmpeg could not write the cut: ${writeFailure}`));
      else if (code === 0) {
        opts.onProgress?.(1);
        resolve();
      } else reject(new Error(`ffmpeg failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}
