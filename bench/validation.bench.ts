// Validation speed: analyzeShot vs vscode-json-languageservice validating the same text against
// the same generated JSON Schema, and vs JSON.parse, all measured in this run.
// Targets: typical file ≤ 0.5× the language service; 2 MB ≤ 2.2× the 1 MB time.
import { performance } from 'node:perf_hooks';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyzeShot, shotJsonSchema } from '../src/core';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for steadier big-file numbers)');

function typicalFile(): string {
  const shots = Array.from({ length: 6 }, (_, i) => ({
    prompt: `Shot ${i + 1}: @Element${(i % 3) + 1} crosses the market square at golden hour, handheld camera following closely, shallow depth of field`,
    duration: '2',
  }));
  const elements = Array.from({ length: 3 }, (_, i) => ({
    frontal_image_url: `https://v3b.fal.media/files/b/elements/el${i + 1}-front.png`,
    reference_image_urls: [
      `https://v3b.fal.media/files/b/elements/el${i + 1}-side.png`,
      `https://v3b.fal.media/files/b/elements/el${i + 1}-back.png`,
    ],
  }));
  return JSON.stringify(
    {
      $schema: '../schemas/kling-shot.schema.json',
      endpoint: 'fal-ai/kling-video/v3/pro/image-to-video',
      start_image_url: 'https://v3b.fal.media/files/b/start.png',
      multi_prompt: shots,
      duration: '12',
      generate_audio: true,
      shot_type: 'customize',
      elements,
      negative_prompt: 'blur, distort, and low quality',
      cfg_scale: 0.5,
    },
    null,
    2,
  );
}

/** A shot file of about `bytes`, grown by elements (each one a realistic image set). */
function bigFile(bytes: number): string {
  const base = JSON.parse(typicalFile());
  const one = JSON.stringify(base.elements[0], null, 2).length + 6;
  const n = Math.ceil((bytes - typicalFile().length) / one);
  base.elements = Array.from({ length: n }, (_, i) => ({
    frontal_image_url: `https://v3b.fal.media/files/b/elements/el${i + 1}-front.png`,
    reference_image_urls: [
      `https://v3b.fal.media/files/b/elements/el${i + 1}-side.png`,
      `https://v3b.fal.media/files/b/elements/el${i + 1}-back.png`,
    ],
  }));
  return JSON.stringify(base, null, 2);
}

const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(shotJsonSchema()) });
const schema = shotJsonSchema();
ls.configure({ validate: true, allowComments: true, schemas: [{ uri: 'kling://shot.schema.json', fileMatch: ['*.kling.json'], schema }] });

async function lsValidate(text: string): Promise<number> {
  const doc = TextDocument.create('file:///bench/shot.kling.json', 'jsonc', 1, text);
  return (await ls.doValidation(doc, ls.parseJSONDocument(doc))).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

type Timing = { ours: number; ls: number; parse: number };

/**
 * Rounds of `batch` back-to-back calls per contender and per file, all interleaved (order rotated
 * every round) so load drift on a shared machine hits every contender and file alike, and a
 * sub-millisecond call is not lost in timer resolution. Everyone is warmed up first until the JIT
 * has settled. A forced GC before each block is used only for the big files: on small ones a
 * full GC throws away the JIT's allocation feedback and we would measure the GC.
 * Reports the median per-call time over the rounds.
 */
async function measure(texts: string[], rounds: number, batch: number, warmup: number): Promise<Timing[]> {
  const samples = texts.map(() => ({ ours: [] as number[], ls: [] as number[], parse: [] as number[] }));
  let sink = 0;
  const jobs: [number, keyof Timing, () => Promise<void> | void][] = texts.flatMap(
    (text, f) =>
      [
        [
          f,
          'ours',
          () => {
            sink += analyzeShot(text).diagnostics.length;
          },
        ],
        [
          f,
          'ls',
          async () => {
            sink += await lsValidate(text);
          },
        ],
        [
          f,
          'parse',
          () => {
            sink += Object.keys(JSON.parse(text)).length;
          },
        ],
      ] as [number, keyof Timing, () => Promise<void> | void][],
  );
  for (let w = 0; w < warmup; w++) for (const [, , fn] of jobs) await fn();
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < jobs.length; k++) {
      const [f, name, fn] = jobs[(r + k) % jobs.length]!;
      if (batch === 1) gc();
      const s = performance.now();
      for (let i = 0; i < batch; i++) await fn();
      samples[f]![name].push((performance.now() - s) / batch);
    }
  }
  if (sink === -1) console.log(sink);
  return samples.map(t => ({ ours: median(t.ours), ls: median(t.ls), parse: median(t.parse) }));
}

(async () => {
  const typicalText = typicalFile();
  const mb1 = bigFile(1 << 20);
  const mb2 = bigFile(2 << 20);
  const [typical] = await measure([typicalText], 61, 100, 3000);
  const [one, two] = await measure([mb1, mb2], 21, 1, 3);
  const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(2)} ms`;
  console.log(`node ${process.version}; medians; times per validation\n`);
  console.log(
    [
      'file'.padEnd(32),
      'bytes'.padStart(9),
      'analyzeShot'.padStart(13),
      'json-ls'.padStart(12),
      'JSON.parse'.padStart(12),
      'ours/ls'.padStart(9),
      'ours/parse'.padStart(11),
      'diags'.padStart(6),
    ].join(' '),
  );
  for (const [name, text, r] of [
    ['typical (6 shots, 3 elements)', typicalText, typical],
    ['generated 1 MB', mb1, one],
    ['generated 2 MB', mb2, two],
  ] as const) {
    console.log(
      [
        name.padEnd(32),
        String(text.length).padStart(9),
        ms(r!.ours).padStart(13),
        ms(r!.ls).padStart(12),
        ms(r!.parse).padStart(12),
        (r!.ours / r!.ls).toFixed(3).padStart(9),
        (r!.ours / r!.parse).toFixed(1).padStart(11),
        String(analyzeShot(text).diagnostics.length).padStart(6),
      ].join(' '),
    );
  }
  const r1 = typical!.ours / typical!.ls;
  const r2 = two!.ours / one!.ours;
  console.log(`\ntypical: analyzeShot / language service = ${r1.toFixed(3)} (target ≤ 0.5) ${r1 <= 0.5 ? 'OK' : 'MISSED'}`);
  console.log(`scaling: analyzeShot 2 MB / 1 MB = ${r2.toFixed(2)} (target ≤ 2.2) ${r2 <= 2.2 ? 'OK' : 'MISSED'}`);
  // `npm run bench` (and the lead's re-measurement) must see a missed target, not only read it.
  if (r1 > 0.5 || r2 > 2.2) {
    process.exitCode = 1;
  }
  console.log(
    `(language service 2 MB / 1 MB = ${(two!.ls / one!.ls).toFixed(2)}; JSON.parse 2 MB / 1 MB = ${(two!.parse / one!.parse).toFixed(2)})`,
  );
})().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
