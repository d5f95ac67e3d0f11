// A cast defined once, used by shots by name, end to end through the built CLI against the
// simulator on 127.0.0.1: two shots sharing a voiced member make exactly one create-voice job and
// both bodies bind its voice, with the members' media uploaded and @ElementN in the prompts; the
// voice is remembered across runs; a run killed during voice creation is recovered without paying
// twice; a member defined twice is an error naming both files; an unknown member is told at its
// `cast` entry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../src/simulator';
import { killed, kling, records, sim, until, withStatus } from './helpers/kling-process';
import { killLeftoverRuns, REPO } from '../../kit/cli';

const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';
const VOICE = 'fal-ai/kling-video/create-voice';
const REFS = join(REPO, 'examples', 'refs');
const SAMPLE = join(REPO, 'test', 'fixtures', 'media', 'long-12s-720x1280.mp4');

let base: string;
let s: Simulator;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-cast-')));
  s = await sim();
});
after(async () => {
  killLeftoverRuns();
  await s.close();
  await rm(base, { recursive: true, force: true });
});

/** A project: a cast at its root (Mara with a voice sample, Lamp), and shots in shots/. */
async function castProject(name: string) {
  const dir = join(base, name);
  await mkdir(join(dir, 'cast'), { recursive: true });
  await mkdir(join(dir, 'shots'), { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  for (const f of ['hero-front.png', 'hero-side.png', 'lamp-front.png', 'lamp-side.png', 'hero-start.png'])
    await copyFile(join(REFS, f), join(dir, 'cast', f));
  await copyFile(SAMPLE, join(dir, 'cast', 'mara-voice.mp4'));
  await writeFile(
    join(dir, 'people.kling-cast.json'),
    `{
  // defined once for every shot below
  "members": {
    "Mara": { "description": "a sailor", "frontal_image_url": "cast/hero-front.png", "reference_image_urls": ["cast/hero-side.png"], "voice_url": "cast/mara-voice.mp4" },
    "Lamp": { "frontal_image_url": "cast/lamp-front.png", "reference_image_urls": ["cast/lamp-side.png"] }
  }
}`,
  );
  const shot = async (file: string, body: Record<string, unknown>) => {
    const p = join(dir, 'shots', file);
    await writeFile(p, JSON.stringify({ endpoint: I2V, start_image_url: '../cast/hero-start.png', duration: '3', ...body }, null, 2));
    return p;
  };
  const a = await shot('a.kling.json', { cast: ['Mara', 'Lamp'], prompt: '@Mara lifts @Lamp and speaks' });
  const b = await shot('b.kling.json', {
    elements: [{ frontal_image_url: '../cast/lamp-front.png', reference_image_urls: ['../cast/lamp-side.png'] }],
    cast: ['Mara'],
    multi_prompt: [
      { prompt: '@Element1 glows', duration: '2' },
      { prompt: '@Mara answers', duration: '1' },
    ],
  });
  return { dir, a, b, renders: join(dir, 'shots', 'renders'), castRenders: join(dir, 'renders') };
}

const jobsOf = (endpoint: string) => [...s.jobs.values()].filter(j => j.endpointId === endpoint);
const elementsOf = (body: unknown) => (body as { elements: Record<string, unknown>[] }).elements;
/** A URL of the simulator's storage: what an upload of a local file returns. */
const isUploaded = (u: unknown) => typeof u === 'string' && /^http:\/\/127\.0\.0\.1:\d+\/files\/[\w-]+\/[\w.-]+\.png$/.test(u);

describe('a cast used by two shots', { concurrency: false }, () => {
  test('one create-voice job, both bodies bind its voice, member media uploaded, @ElementN in the prompts; the voice is remembered', async () => {
    const voicesBefore = jobsOf(VOICE).length;
    const shotsBefore = jobsOf(I2V).length;
    const p = await castProject('two-shots');
    const listed = async () => {
      const r = await kling(['cast', 'people.kling-cast.json', '--format', 'json'], { cwd: p.dir }).done;
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out) as { name: string; kind: string; voice: { state: string; voiceId: string | null }; shots: string[] }[];
    };
    const before = await listed();
    assert.deepEqual(
      before.map(m => [m.name, m.kind, m.voice.state, m.shots]),
      [
        ['Mara', 'images', 'not-made', ['shots/a.kling.json', 'shots/b.kling.json']],
        ['Lamp', 'images', 'none', ['shots/a.kling.json']],
      ],
    );
    const run = await kling(['generate', p.a, p.b], { cwd: p.dir, sim: s }).done;
    assert.equal(run.code, 0, run.err + run.out);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1, 'exactly one create-voice job for the two shots');
    const voiceRecord = (await records(p.castRenders)).find(r => r.record.endpointId === VOICE)!;
    const voiceId = voiceRecord.record.voiceId!;
    assert.match(voiceId, /\S/);
    const shots = jobsOf(I2V).slice(shotsBefore);
    assert.equal(shots.length, 2);
    const [a, b] = [
      shots.find(j => (j.body as { prompt?: unknown }).prompt)!,
      shots.find(j => (j.body as { multi_prompt?: unknown }).multi_prompt)!,
    ];
    assert.equal((a.body as { prompt: string }).prompt, '@Element1 lifts @Element2 and speaks');
    assert.equal(elementsOf(a.body)[0]!.voice_id, voiceId, 'Mara (element 1 of shot a) binds the voice');
    assert.equal(elementsOf(a.body)[1]!.voice_id, undefined, 'Lamp has no voice');
    for (const el of elementsOf(a.body)) {
      assert.ok(isUploaded(el.frontal_image_url), `uploaded: ${String(el.frontal_image_url)}`);
      assert.ok((el.reference_image_urls as unknown[]).every(isUploaded));
    }
    assert.equal(elementsOf(b.body).length, 2, "the shot's own element first, then Mara");
    assert.equal(elementsOf(b.body)[0]!.voice_id, undefined);
    assert.equal(elementsOf(b.body)[1]!.voice_id, voiceId);
    assert.deepEqual(
      (b.body as { multi_prompt: { prompt: string }[] }).multi_prompt.map(m => m.prompt),
      ['@Element1 glows', '@Element2 answers'],
    );
    assert.equal((b.body as { cast?: unknown }).cast, undefined, '"cast" is never sent');
    const voices = JSON.parse(await readFile(join(p.dir, '.kling-cast.voices.json'), 'utf8')) as {
      voices: Record<string, { voice_id: string }>;
    };
    assert.deepEqual(
      Object.values(voices.voices).map(v => v.voice_id),
      [voiceId],
    );

    assert.deepEqual((await listed())[0]!.voice, { state: 'made', voiceId });

    // A second run: the voice is remembered, nothing makes it again.
    const again = await kling(['generate', p.a], { cwd: p.dir, sim: s }).done;
    assert.equal(again.code, 0, again.err);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1, 'no second create-voice job');
    const third = jobsOf(I2V).slice(shotsBefore)[2]!;
    assert.equal(elementsOf(third.body)[0]!.voice_id, voiceId);

    // A changed sample (same name, other bytes) is a new voice, made once and bound.
    await copyFile(join(REPO, 'test', 'fixtures', 'media', 'element-4s-720x1280.mp4'), join(p.dir, 'cast', 'mara-voice.mp4'));
    await copyFile(SAMPLE, join(p.dir, 'cast', 'mara-voice.mp4')); // back to the first sample: the first voice again
    const same = await kling(['generate', p.b], { cwd: p.dir, sim: s }).done;
    assert.equal(same.code, 0, same.err);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1, 'the same bytes again: the remembered voice');
    await writeFile(join(p.dir, 'cast', 'mara-voice.mp4'), Buffer.concat([await readFile(SAMPLE), Buffer.from('changed')]));
    const changed = await kling(['generate', p.b], { cwd: p.dir, sim: s }).done;
    assert.equal(changed.code, 0, changed.err);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 2, 'a changed sample makes a new voice');
    const newVoice = (await records(p.castRenders)).map(r => r.record.voiceId).find(v => v !== undefined && v !== voiceId);
    const last = jobsOf(I2V).slice(shotsBefore).at(-1)!;
    assert.ok(newVoice);
    assert.equal(elementsOf(last.body)[1]!.voice_id, newVoice);
  });

  test('a run killed while its voice is being made is recovered by the next run without paying twice', async () => {
    const p = await castProject('killed');
    const voicesBefore = jobsOf(VOICE).length;
    Object.assign(s.faults, { errorRoutes: ['status', 'stream'], errorRate: 1, errorStatuses: [503] });
    const first = kling(['generate', p.a], { cwd: p.dir, sim: s });
    await until('a queued create-voice record', withStatus(p.castRenders, 'queued'), first);
    await killed(first);
    s.faults.errorRate = 0;
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1);
    const rerun = await kling(['generate', p.a, p.b], { cwd: p.dir, sim: s }).done;
    assert.equal(rerun.code, 0, rerun.err + rerun.out);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1, 'the killed voice take was followed, not paid again');
    const voiceId = (await records(p.castRenders)).find(r => r.record.endpointId === VOICE)!.record.voiceId!;
    const done = (await records(p.renders)).filter(r => r.record.status === 'done');
    assert.equal(done.length, 2);
    for (const r of done) assert.ok(elementsOf(r.record.body).some(e => e.voice_id === voiceId));
  });
});

describe('a voice take killed and then resumed', () => {
  test('kling resume finishes it; the next generate reads the voice from its record and pays for no other', async () => {
    const p = await castProject('resumed');
    const voicesBefore = jobsOf(VOICE).length;
    Object.assign(s.faults, { errorRoutes: ['status', 'stream'], errorRate: 1, errorStatuses: [503] });
    const first = kling(['generate', p.a], { cwd: p.dir, sim: s });
    await until('a queued create-voice record', withStatus(p.castRenders, 'queued'), first);
    await killed(first);
    s.faults.errorRate = 0;
    const resumed = await kling(['resume', p.castRenders], { cwd: p.dir, sim: s }).done;
    assert.equal(resumed.code, 0, resumed.err + resumed.out);
    const voiceId = (await records(p.castRenders)).find(r => r.record.status === 'done')?.record.voiceId;
    assert.ok(voiceId, 'the resumed voice take is done with its voice');
    const run = await kling(['generate', p.a], { cwd: p.dir, sim: s }).done;
    assert.equal(run.code, 0, run.err + run.out);
    assert.equal(jobsOf(VOICE).length - voicesBefore, 1, 'one create-voice job in all');
    const done = (await records(p.renders)).filter(r => r.record.status === 'done');
    assert.equal(elementsOf(done[0]!.record.body)[0]!.voice_id, voiceId);
    assert.match(await readFile(join(p.dir, '.kling-cast.voices.json'), 'utf8'), new RegExp(voiceId));
  });
});

describe('cast problems', () => {
  test('a member defined twice is an error naming both files, and nothing is submitted', async () => {
    const p = await castProject('twice');
    await writeFile(join(p.dir, 'shots', 'more.kling-cast.json'), '{ "members": { "Mara": { "video_url": "x.mp4" } } }');
    const submits = s.stats.submits;
    const r = await kling(['generate', p.a], { cwd: p.dir, sim: s }).done;
    assert.equal(r.code, 1);
    assert.match(r.err, /kling\.cast-duplicate .*Mara is defined twice: in more\.kling-cast\.json and in \.\.\/people\.kling-cast\.json/);
    assert.equal(s.stats.submits, submits);
  });

  test('an unknown member is told at its "cast" entry (validate)', async () => {
    const p = await castProject('unknown');
    await writeFile(
      join(p.dir, 'shots', 'c.kling.json'),
      `{\n  "start_image_url": "../cast/hero-start.png",\n  "cast": ["Mara", "Nobody"],\n  "prompt": "@Mara"\n}`,
    );
    const r = await kling(['validate', join(p.dir, 'shots', 'c.kling.json')], { cwd: p.dir }).done;
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /c\.kling\.json:3:20 error kling\.cast-unknown No cast file here or above defines Nobody; known: Mara, Lamp/);
  });
});
