// Export benchmark (npm run bench assemble): a 6-clip sequence of 15 s simulator clips (H.264 +
// AAC) joined through the remux path, against `ffmpeg -f concat -c copy` on the same clips in the
// same run. Goal: ≤ 1.5× ffmpeg's time. Each side runs alternately, 5 times; medians compared.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleClips } from '../src/media/assemble';
import { makeClip } from '../src/simulator';

const CLIPS = 6;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kling-bench-assemble-'));
  try {
    const paths: string[] = [];
    for (let i = 0; i < CLIPS; i++) {
      // Six distinct takes (different shot splits), as a real sequence would have.
      const clip = await makeClip({ durationS: 15, aspect: '16:9', shots: i === 0 ? [15] : [i, 15 - i], audio: true });
      paths.push(join(dir, `shot${i}.mp4`));
      await writeFile(paths[i]!, clip.data);
    }
    const list = join(dir, 'list.txt');
    await writeFile(list, paths.map(p => `file '${p}'`).join('\n') + '\n');
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let t0 = performance.now();
      const result = await assembleClips(
        paths.map((p, i) => ({ name: `shot${i}`, clipPath: p })),
        { outPath: join(dir, 'ours.mp4') },
      );
      ours.push(performance.now() - t0);
      if (result.method !== 'remux') throw new Error(`expected the remux path, got ${result.method}`);
      t0 = performance.now();
      const ff = spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        list,
        '-c',
        'copy',
        join(dir, 'ffmpeg.mp4'),
      ]);
      theirs.push(performance.now() - t0);
      if (ff.status !== 0) throw new Error(`ffmpeg failed: ${ff.stderr}`);
    }
    const a = median(ours),
      b = median(theirs);
    console.log(
      `assemble (remux, mediabunny): ${CLIPS} × 15 s clips, median ${a.toFixed(1)} ms (runs: ${ours.map(x => x.toFixed(0)).join(', ')})`,
    );
    console.log(`ffmpeg -f concat -c copy:     median ${b.toFixed(1)} ms (runs: ${theirs.map(x => x.toFixed(0)).join(', ')})`);
    console.log(`ratio ours/ffmpeg: ${(a / b).toFixed(2)}× (goal ≤ 1.5×)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
