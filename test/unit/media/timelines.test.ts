// The timelines of an exported cut as an editor reads them: takes made by `kling generate` against
// the simulator, `kling assemble --otio --fcpxml` in a real process, the FCPXML parsed and checked
// against FCPXML 1.10's elements by xmllint (libxml2, scripts/setup-tools.sh installs it), and
// the project then moved whole to another folder, where every media path must still resolve.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fcpxmlMediaUrl, fcpxmlTimeline, frameDuration, otioTargetUrl, rationalTime, type ClipProbe } from '../../../src/media/assemble';
import { readTakeRecord } from '../../../src/takes';
import { testSimulator, type Simulator } from '../../kit/simulator';
import { runKling } from '../../kit/cli';

const DTD = resolve(__dirname, '../../fixtures/fcpxml/fcpxml-1.10-subset.dtd');
const PROMPTS: Record<string, string> = {
  // What a prompt may hold that XML must escape, and a newline an attribute would fold into a space.
  one: 'A paper boat & a <duck> on "calm" water',
  two: 'The sea at dawn,\nwaves roll in',
};

let sim: Simulator;
let base: string;
let project: string;

function xmllint(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('xmllint', args, { encoding: 'utf8' });
  assert.ok(!r.error, `xmllint could not run (${r.error?.message}): run scripts/setup-tools.sh, which installs libxml2-utils`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** An XPath 1.0 expression over the file, evaluated by libxml2. */
const xpath = (file: string, expr: string) => xmllint(['--xpath', expr, file]).out.replace(/\n$/, '');
/** Every value of an attribute the XPath selects, in document order. */
const attrs = (file: string, expr: string) => [...xpath(file, expr).matchAll(/="([^"]*)"/g)].map(m => decodeXml(m[1]!));
const decodeXml = (s: string) =>
  s
    .replace(/&#10;/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** "72/24s" → 3; "0s" → 0. */
function seconds(t: string): number {
  const m = /^(?:(\d+)\/(\d+)|(\d+))s$/.exec(t);
  assert.ok(m, `not an FCPXML time: ${t}`);
  return m[3] !== undefined ? Number(m[3]) : Number(m[1]) / Number(m[2]);
}

async function kling(args: string[], cwd: string) {
  const r = await runKling(args, { cwd, env: { FAL_KEY: 'timelines-test-key' } }).done;
  assert.equal(r.code, 0, r.out + r.err);
  return r;
}

before(async () => {
  sim = await testSimulator();
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-timelines-')));
  project = join(base, 'film project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{}\n');
  for (const [name, prompt] of Object.entries(PROMPTS)) {
    await writeFile(join(project, `${name}.kling.json`), JSON.stringify({ prompt, duration: '3' }, null, 2));
  }
  await writeFile(join(project, 'film.kling-seq.json'), '{ "shots": ["one.kling.json", "two.kling.json", "one.kling.json"] }\n');
  await kling(['generate', 'one.kling.json', 'two.kling.json', '--queue-url', sim.url, '--storage-url', sim.url], project);
  const r = await kling(
    ['assemble', 'film.kling-seq.json', '--out', 'exports/film.mp4', '--otio', 'exports/film.otio', '--fcpxml', 'exports/film.fcpxml'],
    project,
  );
  assert.match(r.out, /exports\/film\.fcpxml: FCPXML timeline/);
});
after(async () => {
  await sim?.close();
  await rm(base, { recursive: true, force: true });
});

/** The take record of each shot, as generate wrote it. */
async function takesByShot(dir: string) {
  const renders = join(dir, 'renders');
  const records = await Promise.all(
    (await readdir(renders)).filter(n => n.endsWith('.take.json')).map(n => readTakeRecord(join(renders, n), { roots: [dir] })),
  );
  return Object.fromEntries(records.map(r => [(r.shotFile ?? '').replace(/^.*\//, '').replace('.kling.json', ''), r]));
}

describe('kling assemble --fcpxml', () => {
  test('is FCPXML 1.10: parses, and its elements and attributes are those of the DTD', () => {
    const file = join(project, 'exports/film.fcpxml');
    const r = xmllint(['--noout', '--dtdvalid', DTD, file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(xpath(file, 'string(/fcpxml/@version)'), '1.10');
  });

  test('one asset per clip file and one asset-clip per shot, in a spine, with rational times that add up', async () => {
    const file = join(project, 'exports/film.fcpxml');
    assert.equal(xpath(file, 'count(/fcpxml/resources/asset)'), '2', 'the clip used twice is one asset');
    assert.deepEqual(attrs(file, '//spine/asset-clip/@name'), ['one.kling.json', 'two.kling.json', 'one.kling.json']);
    const fps = 1 / seconds(attrs(file, '/fcpxml/resources/format/@frameDuration')[0]!);
    const durations = attrs(file, '//spine/asset-clip/@duration');
    const offsets = attrs(file, '//spine/asset-clip/@offset');
    for (const t of [...durations, ...offsets]) {
      assert.ok(Number.isInteger(Math.round(seconds(t) * fps * 1e9) / 1e9), `${t} is not on the ${fps} fps frame grid`);
    }
    assert.deepEqual(durations.map(seconds), [3, 3, 3]);
    // Each clip starts where the last ended, and the sequence is as long as its clips together.
    assert.deepEqual(offsets.map(seconds), [0, 3, 6]);
    assert.equal(seconds(xpath(file, 'string(//sequence/@duration)')), 9);
    const refs = attrs(file, '//spine/asset-clip/@ref');
    assert.equal(refs[0], refs[2]);
    assert.notEqual(refs[0], refs[1]);
  });

  test("each asset-clip carries its take's prompt (as a note and metadata), endpoint and take id", async () => {
    const file = join(project, 'exports/film.fcpxml');
    const takes = await takesByShot(project);
    for (const [i, shot] of ['one', 'two', 'one'].entries()) {
      const clip = `//spine/asset-clip[${i + 1}]`;
      const md = (key: string) => attrs(file, `${clip}/metadata/md[@key="${key}"]/@value`)[0];
      assert.equal(xpath(file, `string(${clip}/note)`), PROMPTS[shot]);
      assert.equal(md('com.klingstudio.prompt'), PROMPTS[shot]);
      assert.equal(md('com.klingstudio.endpoint'), takes[shot]!.endpointId);
      assert.equal(md('com.klingstudio.takeId'), takes[shot]!.id);
    }
  });

  test('the OTIO clips carry the same metadata, and their media paths are relative to the .otio file', async () => {
    const otio = JSON.parse(await readFile(join(project, 'exports/film.otio'), 'utf8'));
    const takes = await takesByShot(project);
    for (const track of otio.tracks.children) {
      const clips = track.children as { metadata: { kling: object }; media_references: { DEFAULT_MEDIA: { target_url: string } } }[];
      assert.deepEqual(
        clips.map(c => c.metadata.kling),
        ['one', 'two', 'one'].map(s => ({ prompt: PROMPTS[s], endpoint: takes[s]!.endpointId, take_id: takes[s]!.id })),
      );
      for (const c of clips) assert.match(c.media_references.DEFAULT_MEDIA.target_url, /^\.\.\/renders\/(one|two)\.\d{8}-\d{6}\.mp4$/);
    }
  });

  test('moved to another folder, both timelines still find every clip', async () => {
    const moved = join(base, 'elsewhere', 'the film (moved)');
    await mkdir(dirname(moved), { recursive: true });
    await cp(project, moved, { recursive: true });
    const gone = `${project}.gone`;
    await cp(project, gone, { recursive: true });
    await rm(project, { recursive: true });
    try {
      const fcpxml = join(moved, 'exports/film.fcpxml');
      const srcs = attrs(fcpxml, '//media-rep/@src');
      assert.equal(srcs.length, 2);
      for (const src of srcs) {
        const clip = fileURLToPath(new URL(src, pathToFileURL(fcpxml)));
        assert.ok(clip.startsWith(join(moved, 'renders')), `${src} resolves to ${clip}`);
        assert.ok((await stat(clip)).size > 0);
      }
      const otioPath = join(moved, 'exports/film.otio');
      const otio = JSON.parse(await readFile(otioPath, 'utf8'));
      for (const c of otio.tracks.children[0].children) {
        const clip = resolve(dirname(otioPath), c.media_references.DEFAULT_MEDIA.target_url);
        assert.ok(clip.startsWith(join(moved, 'renders')));
        assert.ok((await stat(clip)).size > 0);
      }
    } finally {
      await cp(gone, project, { recursive: true });
    }
  });

  test('--fcpxml naming the --otio file or the cut: exit 2, nothing written', async () => {
    const r = await runKling(['assemble', 'film.kling-seq.json', '--out', 'x.mp4', '--otio', 'x.tl', '--fcpxml', 'x.tl'], { cwd: project })
      .done;
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /--fcpxml: .*x\.tl is named for both timelines/);
    const cut = await runKling(['assemble', 'film.kling-seq.json', '--out', 'x.mp4', '--fcpxml', 'x.mp4'], { cwd: project }).done;
    assert.equal(cut.code, 2);
    assert.match(cut.err, /--fcpxml: .*x\.mp4 is the cut's own file/);
    assert.ok(!(await readdir(project)).some(n => n.startsWith('x.')));
  });
});

describe('FCPXML writing', () => {
  const clip = (path: string, fps: number, seconds: number, audio = true): ClipProbe => ({
    path,
    video: { codec: 'avc', key: 'k', width: 1920, height: 1080, fps },
    audio: audio ? { codec: 'aac', key: 'a', sampleRate: 48000, channels: 2 } : undefined,
    start: 0,
    end: seconds,
  });

  test('frame durations are exact fractions, NTSC rates included', () => {
    assert.deepEqual(frameDuration(24), [1, 24]);
    assert.deepEqual(frameDuration(23.976), [1001, 24000]);
    assert.deepEqual(frameDuration(29.97), [1001, 30000]);
    assert.deepEqual(frameDuration(59.94), [1001, 60000]);
    assert.deepEqual(frameDuration(12.5), [2, 25]);
    assert.equal(rationalTime(120, [1, 24]), '120/24s');
    assert.equal(rationalTime(90, [1001, 30000]), '90090/30000s');
    assert.equal(rationalTime(0, [1, 24]), '0s');
  });

  test('29.97 fps clips: durations on the NTSC grid that sum to the sequence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kling-fcpxml-'));
    try {
      const path = join(dir, 'cut.fcpxml');
      // 5 s at 29.97 fps is 149.85 frames: FCPXML rounds to whole frames, 150 of 1001/30000 s.
      const text = fcpxmlTimeline(
        'cut',
        [
          { name: 'a', clip: clip(join(dir, 'a.mp4'), 29.97, 5) },
          { name: 'b', clip: clip(join(dir, 'b.mp4'), 29.97, 10) },
        ],
        path,
      );
      await writeFile(path, text);
      assert.equal(xmllint(['--noout', '--dtdvalid', DTD, path]).code, 0);
      assert.deepEqual(attrs(path, '//spine/asset-clip/@duration'), ['150150/30000s', '300300/30000s']);
      assert.deepEqual(attrs(path, '//spine/asset-clip/@offset'), ['0s', '150150/30000s']);
      assert.equal(xpath(path, 'string(//sequence/@duration)'), '450450/30000s');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a prompt with characters XML cannot hold, and file names with spaces, #, % and non-ASCII', async () => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-fcpxml-')));
    try {
      const media = join(dir, 'takes 50% #2', 'plage à l’aube.mp4');
      const path = join(dir, 'out', 'cut.fcpxml');
      await mkdir(dirname(path));
      const prompt = 'bell\u0007 form\u000C feed ]]> & <tag> "q" \uD800 end';
      await writeFile(path, fcpxmlTimeline('cut', [{ name: 'x', clip: clip(media, 24, 2, false), meta: { prompt } }], path));
      const r = xmllint(['--noout', '--dtdvalid', DTD, path]);
      assert.equal(r.code, 0, r.err);
      assert.equal(xpath(path, 'string(//note)'), 'bell\uFFFD form\uFFFD feed ]]> & <tag> "q" \uFFFD end');
      const src = attrs(path, '//media-rep/@src')[0]!;
      assert.equal(src, fcpxmlMediaUrl(path, media));
      assert.equal(fileURLToPath(new URL(src, pathToFileURL(path))), media);
      assert.equal(otioTargetUrl(path, media), '../takes 50% #2/plage à l’aube.mp4');
      assert.equal(xpath(path, 'count(//sequence/@audioRate)'), '0', 'no audio, no audio attributes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the timeline in the same folder as its media names it ./file', () => {
    assert.equal(fcpxmlMediaUrl('/p/cut.fcpxml', '/p/a b.mp4'), './a%20b.mp4');
    assert.equal(
      execFileSync('node', ['-e', 'process.stdout.write(new URL("./a%20b.mp4", "file:///p/cut.fcpxml").pathname)']).toString(),
      '/p/a%20b.mp4',
    );
  });
});
