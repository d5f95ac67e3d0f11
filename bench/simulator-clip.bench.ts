// Simulator clip benchmark (npm run bench simulator-clip): how long the simulator takes to make a
// clip shaped like its request (640×360, 24 fps, H.264 through the WASM encoder, a tone track),
// against Debian's ffmpeg (libx264 ultrafast + its AAC encoder) making a 5 s clip of the same size
// in the same run. Goal: a 5 s clip in well under 2 s. Wall time and this process's CPU time are
// both printed: on a shared 2-core machine the wall time also counts other processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { makeClip, type ClipSpec } from '../src/simulator';
import { decodeImage } from '../src/simulator/request-media';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function photoLike(w: number, h: number, seed: number): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      png.data[i] = (x * 255) / w;
      png.data[i + 1] = (y * 255) / h;
      png.data[i + 2] = ((x ^ y) + seed) & 255;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

async function measure(name: string, specs: ClipSpec[]): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [],
    cpu: number[] = [];
  for (const spec of specs) {
    const t0 = performance.now(),
      c0 = cpuMs();
    await makeClip(spec);
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  const w = median(wall);
  console.log(
    `${name}: median ${w.toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (wall runs: ${wall.map(x => x.toFixed(0)).join(', ')})`,
  );
  return { wall: w, cpu: median(cpu) };
}

async function main(): Promise<void> {
  // Warm up once (the WASM module and mediabunny load on first use), and say what that costs.
  let t0 = performance.now();
  await makeClip({ durationS: 1, aspect: '16:9', shots: [1], audio: true });
  console.log(`first clip of a process (loads the encoder and mediabunny), 1 s: ${(performance.now() - t0).toFixed(0)} ms`);

  // Distinct shapes each run (the cache would answer a repeat at once).
  const splits = (total: number) => Array.from({ length: RUNS }, (_, i) => (i === 0 ? [total] : [i, total - i]));
  const t2v = await measure(
    '5 s text-to-video with sound, 640×360',
    splits(5).map(shots => ({ durationS: 5, aspect: '16:9', shots, audio: true })),
  );
  t0 = performance.now();
  const images = Array.from({ length: RUNS }, (_, i) => decodeImage(photoLike(1280, 720, i)));
  console.log(`decode a 1280×720 PNG start image: ${((performance.now() - t0) / RUNS).toFixed(0)} ms each`);
  const i2v = await measure(
    '5 s image-to-video (start image as first frame), with sound',
    images.map(start => {
      if (typeof start === 'string') throw new Error(start);
      return { durationS: 5, aspect: '16:9', shots: [5], audio: true, images: { start } };
    }),
  );
  await measure(
    '15 s storyboard, 9:16 (360×640), with sound',
    splits(15).map(shots => ({ durationS: 15, aspect: '9:16', shots, audio: true })),
  );

  const ff: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kling-bench-clip-'));
  for (let r = 0; r < RUNS; r++) {
    t0 = performance.now();
    const p = spawnSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=5'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=468.75:sample_rate=48000:duration=5'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-y', join(dir, 'ffmpeg.mp4')],
    ]);
    if (p.status !== 0) {
      console.log(`ffmpeg unavailable (${p.error?.message ?? p.stderr}); no peer figure`);
      break;
    }
    ff.push(performance.now() - t0);
  }
  rmSync(dir, { recursive: true, force: true });
  if (ff.length) {
    const f = median(ff);
    console.log(`ffmpeg libx264 ultrafast + aac, 5 s 640×360 24 fps: median ${f.toFixed(0)} ms`);
    console.log(`ratio ours/ffmpeg (wall): text-to-video ${(t2v.wall / f).toFixed(2)}×, image-to-video ${(i2v.wall / f).toFixed(2)}×`);
  }
  const wall = Math.max(t2v.wall, i2v.wall),
    cpu = Math.max(t2v.cpu, i2v.cpu);
  console.log(
    `goal: a 5 s clip well under 2000 ms: ${wall < 2000 ? 'met' : 'NOT met'} (${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU)`,
  );
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
