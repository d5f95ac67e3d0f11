// `kling assemble` as a user runs it: simulator clips (H.264 + AAC) as the takes of real shot
// files in a temp folder, a real process, and the output read back with mediabunny and ffprobe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FilePathSource, Input, MP4 } from 'mediabunny';
import { writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { CLIP_FPS, makeClip, type ClipSpec } from '../../../src/simulator';
import { klingSync } from '../../kit/cli';

const FPS = CLIP_FPS;
let dir: string;

/** A shot file, and (unless `status` is null) a take of it with a simulator clip of `spec`. */
async function shot(name: string, spec: ClipSpec | null, status: TakeRecord['status'] = 'done', renders = 'renders'): Promise<void> {
  const shotPath = join(dir, `${name}.kling.json`);
  await writeFile(shotPath, '{ "prompt": "a paper boat" }\n');
  if (!spec) return;
  await mkdir(join(dir, renders), { recursive: true });
  const base = join(dir, renders, `${name}.20260101-100000`);
  await writeFile(`${base}.mp4`, (await makeClip(spec)).data);
  const at = '2026-01-01T10:00:00.000Z';
  await writeTakeRecord(`${base}.take.json`, {
    version: 1,
    id: name,
    shotFile: shotPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat' },
    status,
    createdAt: at,
    updatedAt: at,
    clipPath: `${base}.mp4`,
  });
}

async function sequence(name: string, shots: string[]): Promise<string> {
  const file = join(dir, `${name}.kling-seq.json`);
  await writeFile(file, JSON.stringify({ shots: shots.map(s => `${s}.kling.json`) }));
  return file;
}

function kling(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = klingSync(['assemble', ...args], { cwd: dir, env });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

async function tracksOf(file: string) {
  const input = new Input({ source: new FilePathSource(file), formats: [MP4] });
  try {
    const video = await input.getPrimaryVideoTrack();
    const audio = await input.getPrimaryAudioTrack();
    return {
      duration: await input.computeDuration(),
      video: video && { width: await video.getDisplayWidth(), height: await video.getDisplayHeight(), codec: await video.getCodec() },
      audio: audio && { codec: await audio.getCodec(), duration: await audio.computeDuration() },
    };
  } finally {
    input.dispose();
  }
}

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-assemble-')));
  await mkdir(join(dir, 'renders'));
  await shot('one', { durationS: 3, aspect: '16:9', shots: [3], audio: true });
  await shot('two', { durationS: 5, aspect: '16:9', shots: [2, 3], audio: true });
  await shot('tall', { durationS: 3, aspect: '9:16', shots: [3], audio: false });
  await shot('fresh', null);
  await shot('running', { durationS: 3, aspect: '16:9', shots: [3], audio: true }, 'running');
});
after(() => rm(dir, { recursive: true, force: true }));

test('same codec parameters: remuxed into one MP4 whose length is the sum, with video and audio', async () => {
  await sequence('cut', ['one', 'two', 'one']);
  const r = kling(['cut.kling-seq.json', '--out', 'out/cut.mp4', '--otio', 'out/cut.otio']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3 shots, 11\.00 s, joined without re-encoding/);
  const t = await tracksOf(join(dir, 'out', 'cut.mp4'));
  assert.ok(Math.abs(t.duration - 11) <= 1 / FPS, `duration ${t.duration}`);
  assert.deepEqual(t.video, { width: 640, height: 360, codec: 'avc' });
  assert.equal(t.audio?.codec, 'aac');
  assert.ok(t.audio!.duration > 11 - 3 * (1024 / 48000) - 1 / FPS, `audio ${t.audio!.duration}`);
  // Nothing half-written is left behind.
  assert.deepEqual((await readdir(join(dir, 'out'))).sort(), ['cut.mp4', 'cut.otio']);

  const otio = JSON.parse(await readFile(join(dir, 'out', 'cut.otio'), 'utf8'));
  assert.equal(otio.OTIO_SCHEMA, 'Timeline.1');
  assert.equal(otio.tracks.OTIO_SCHEMA, 'Stack.1');
  const [videoTrack, audioTrack] = otio.tracks.children;
  assert.deepEqual(
    otio.tracks.children.map((c: { OTIO_SCHEMA: string; kind: string }) => `${c.OTIO_SCHEMA} ${c.kind}`),
    ['Track.1 Video', 'Track.1 Audio'],
  );
  for (const track of [videoTrack, audioTrack]) {
    const clips = track.children as {
      OTIO_SCHEMA: string;
      name: string;
      source_range: { duration: { OTIO_SCHEMA: string; rate: number; value: number } };
      media_references: { DEFAULT_MEDIA: { OTIO_SCHEMA: string; target_url: string } };
    }[];
    assert.deepEqual(
      clips.map(c => [c.OTIO_SCHEMA, c.name, c.source_range.duration.value / c.source_range.duration.rate]),
      [
        ['Clip.2', 'one.kling.json', 3],
        ['Clip.2', 'two.kling.json', 5],
        ['Clip.2', 'one.kling.json', 3],
      ],
    );
    assert.equal(clips[0]!.source_range.duration.OTIO_SCHEMA, 'RationalTime.1');
    assert.equal(clips[0]!.source_range.duration.rate, FPS);
    const ref = clips[1]!.media_references.DEFAULT_MEDIA;
    assert.equal(ref.OTIO_SCHEMA, 'ExternalReference.1');
    // Relative to the .otio file, so the project can move.
    assert.equal(ref.target_url, '../renders/two.20260101-100000.mp4');
    assert.equal(resolve(dir, 'out', ref.target_url), join(dir, 'renders', 'two.20260101-100000.mp4'));
  }
});

test('mixed sizes take the ffmpeg path: padded to the first size, silence for the clip without sound', async () => {
  await sequence('mixed', ['one', 'tall']);
  const r = kling(['mixed.kling-seq.json', '--out', 'mixed.mp4']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /re-encoded with ffmpeg \(tall\.20260101-100000\.mp4 is 360×640, one\.20260101-100000\.mp4 is 640×360/);
  const t = await tracksOf(join(dir, 'mixed.mp4'));
  assert.ok(Math.abs(t.duration - 6) <= 1 / FPS + 0.05, `duration ${t.duration}`);
  assert.deepEqual(t.video, { width: 640, height: 360, codec: 'avc' });
  assert.equal(t.audio?.codec, 'aac');
});

test('without ffmpeg, clips that differ get a message naming the difference and nothing is written', async () => {
  await sequence('mixed2', ['one', 'tall']);
  const r = kling(['mixed2.kling-seq.json', '--out', 'none.mp4'], { PATH: '/nonexistent' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /360×640.*640×360.*needs ffmpeg/s);
  assert.ok(!(await readdir(dir)).some(f => f.startsWith('none')));
});

test('a shot with no done take exits 1 naming it', async () => {
  await sequence('gaps', ['one', 'fresh', 'running']);
  const r = kling(['gaps.kling-seq.json', '--out', 'gaps.mp4']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /shot fresh\.kling\.json has no done take/);
  assert.match(r.stderr, /shot running\.kling\.json has no done take/);
  assert.doesNotMatch(r.stderr, /one\.kling\.json/);
  assert.ok(!(await readdir(dir)).some(f => f.startsWith('gaps.mp4')));
});

test('a take whose clip is gone: exit 1 naming the clip, nothing written', async () => {
  await shot('lost', { durationS: 3, aspect: '16:9', shots: [3], audio: true });
  await rm(join(dir, 'renders', 'lost.20260101-100000.mp4'));
  await sequence('lost', ['one', 'lost']);
  const r = kling(['lost.kling-seq.json', '--out', 'lost.mp4']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The clip .*lost\.20260101-100000\.mp4 is missing/);
  assert.ok(!(await readdir(dir)).some(f => f.startsWith('lost.') && f.endsWith('.mp4')));
});

test('takes generated with `kling generate --out DIR` are found with --renders DIR', async () => {
  await shot('far', { durationS: 3, aspect: '16:9', shots: [3], audio: true }, 'done', 'takes-elsewhere');
  await sequence('far', ['far']);
  const missing = kling(['far.kling-seq.json', '--out', 'far.mp4']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /shot far\.kling\.json has no done take/);
  const r = kling(['far.kling-seq.json', '--out', 'far.mp4', '--renders', 'takes-elsewhere']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 shot.*3\.00 s/);
});

test('usage errors exit 2', () => {
  assert.equal(kling(['cut.kling-seq.json']).code, 2);
  assert.equal(kling(['one.kling.json', '--out', 'x.mp4']).code, 2);
});
