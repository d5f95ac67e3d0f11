// `kling generate` guards, each seen from outside: the built CLI in a real process against the
// simulator, real temp folders, counts taken at the server. Media stays inside the roots (given
// or found), a file that is not what its field takes stops the run before any upload or submit,
// warnings are printed, a `done` write that fails never shows `done`, and a kill -9 leaves no lock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { readTakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { assertLandedOnce, killed, kling, project, records, sim, T2V, until, uploads, withStatus } from './helpers/kling-process';
import { killLeftoverRuns, REPO } from '../../kit/cli';

const I2V = 'fal-ai/kling-video/v3/pro/image-to-video';
const MC = 'fal-ai/kling-video/v3/pro/motion-control';
const PNG = join(REPO, 'examples', 'refs', 'hero-start.png');
const MP4 = join(REPO, 'examples', 'refs', 'dance.mp4');
const AUDIO_ONLY = join(REPO, 'test', 'fixtures', 'media', 'audio-only-2s.mp4');

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-guards-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

async function withSim(fn: (s: Simulator) => Promise<void>): Promise<void> {
  const s = await sim();
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Pretty-printed, so a finding's line says which field it is about. */
const shotText = (body: Record<string, unknown>) => JSON.stringify(body, null, 2) + '\n';
const lineOf = (text: string, key: string) => text.split('\n').findIndex(l => l.includes(`"${key}"`)) + 1;

function assertNothingSent(s: Simulator): void {
  assert.equal(uploads(s), 0, 'nothing uploaded');
  assert.equal(s.stats.submits, 0, 'nothing submitted');
}

describe('kling generate --root A --root B', () => {
  test('media inside B is accepted; media outside both is refused naming the file and both roots', { timeout: 90_000 }, () =>
    withSim(async s => {
      const a = join(base, 'roots', 'A');
      const b = join(base, 'roots', 'B');
      const c = join(base, 'roots', 'C');
      for (const d of [a, b, c]) await mkdir(d, { recursive: true });
      await copyFile(PNG, join(b, 'start.png'));
      await copyFile(PNG, join(c, 'outside.png'));
      const shot = join(a, 'inside.kling.json');
      await writeFile(shot, shotText({ endpoint: I2V, prompt: 'from B', duration: '3', start_image_url: '../B/start.png' }));
      const ok = await kling(['generate', '--root', a, '--root', b, shot], { cwd: a, sim: s }).done;
      assert.equal(ok.code, 0, ok.out + ok.err);
      assert.equal(s.stats.submits, 1);
      assert.ok(uploads(s) >= 1, 'the file in B was uploaded');
      assert.match(ok.out, /1 of 1 take done/);

      const before = { submits: s.stats.submits, uploads: uploads(s) };
      const leak = join(a, 'leak.kling.json');
      await writeFile(leak, shotText({ endpoint: I2V, prompt: 'from C', duration: '3', start_image_url: '../C/outside.png' }));
      const r = await kling(['generate', '--root', a, '--root', b, leak], { cwd: a, sim: s }).done;
      assert.equal(r.code, 1, r.out + r.err);
      assert.ok(
        r.err.includes(`../C/outside.png (start_image_url) resolves to ${join(c, 'outside.png')}, outside the roots ${a}, ${b}`),
        r.err,
      );
      assert.match(r.err, /nothing was uploaded or submitted/);
      assert.deepEqual({ submits: s.stats.submits, uploads: uploads(s) }, before, '0 uploads, 0 submits');
    }),
  );
});

describe('kling generate: the default root', () => {
  test('with no .git, .vscode or package.json above it, a shot uses its own folder', { timeout: 90_000 }, () =>
    withSim(async s => {
      // The temp folders must not sit below a marker, or the rule under test would not apply.
      for (let d = base; dirname(d) !== d; d = dirname(d))
        for (const m of ['.git', '.vscode', 'package.json'])
          assert.ok(!existsSync(join(d, m)), `${join(d, m)} exists: this test needs a TMPDIR outside any project`);
      const home = join(base, 'home-a');
      const plain = join(base, 'plain');
      await mkdir(home, { recursive: true });
      await mkdir(plain, { recursive: true });
      await copyFile(PNG, join(plain, 'start.png'));
      await copyFile(PNG, join(base, 'beside.png'));
      const shot = join(plain, 'own.kling.json');
      await writeFile(shot, shotText({ endpoint: I2V, prompt: 'own folder', duration: '3', start_image_url: './start.png' }));
      const ok = await kling(['generate', shot], { cwd: base, sim: s, env: { HOME: home } }).done;
      assert.equal(ok.code, 0, ok.out + ok.err);
      assert.equal(s.stats.submits, 1);

      // One folder up is outside that root.
      const before = { submits: s.stats.submits, uploads: uploads(s) };
      await writeFile(shot, shotText({ endpoint: I2V, prompt: 'one up', duration: '3', start_image_url: '../beside.png' }));
      const up = await kling(['generate', shot], { cwd: base, sim: s, env: { HOME: home } }).done;
      assert.equal(up.code, 1, up.out + up.err);
      assert.ok(up.err.includes(`resolves to ${join(base, 'beside.png')}, outside the project root ${plain}`), up.err);
      assert.deepEqual({ submits: s.stats.submits, uploads: uploads(s) }, before);
    }),
  );

  test('a shot directly in the home folder is refused: home is never a root by default', { timeout: 90_000 }, () =>
    withSim(async s => {
      const home = join(base, 'home-b');
      await mkdir(home, { recursive: true });
      await copyFile(PNG, join(home, 'selfie.png'));
      const shot = join(home, 'home.kling.json');
      await writeFile(shot, shotText({ endpoint: I2V, prompt: 'at home', duration: '3', start_image_url: './selfie.png' }));
      const r = await kling(['generate', shot], { cwd: home, sim: s, env: { HOME: home } }).done;
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(
        r.err,
        /home\.kling\.json: no project root above it other than \/ or the home folder; pass --root DIR to say which folder its media may come from/,
      );
      assert.match(r.err, /nothing was uploaded or submitted/);
      assertNothingSent(s);
      // With the root said out loud, the same shot goes.
      const ok = await kling(['generate', '--root', home, shot], { cwd: home, sim: s, env: { HOME: home } }).done;
      assert.equal(ok.code, 0, ok.out + ok.err);
      assert.equal(s.stats.submits, 1);
    }),
  );
});

describe('kling generate: media that is not what its field says', () => {
  const cases: { name: string; field: string; file: string; make: (p: string) => Promise<void>; code: string; says: RegExp }[] = [
    {
      name: 'a 0-byte image',
      field: 'start_image_url',
      file: './empty.png',
      make: p => writeFile(p, ''),
      code: 'kling.media-empty',
      says: /is an empty file \(0 bytes\); it must be a JPEG, PNG or WebP image/,
    },
    {
      name: 'a text file named .png',
      field: 'start_image_url',
      file: './notes.png',
      make: p => writeFile(p, 'not a picture, just notes\n'),
      code: 'kling.image-format',
      says: /is a text file; this field takes a JPEG, PNG or WebP image/,
    },
    {
      name: 'a PNG cut short',
      field: 'start_image_url',
      file: './cut.png',
      make: async p => {
        const png = await readFile(PNG);
        await writeFile(p, png.subarray(0, Math.floor(png.length / 2)));
      },
      code: 'kling.image-format',
      says: /is a truncated PNG image that cannot be decoded/,
    },
    {
      name: 'an audio-only MP4 in a video field',
      field: 'video_url',
      file: './voice.mp4',
      make: p => copyFile(AUDIO_ONLY, p),
      code: 'kling.video-format',
      says: /is audio only \(no video track\); this field takes a video/,
    },
    {
      name: 'a text file in a video field',
      field: 'video_url',
      file: './notes.mp4',
      make: p => writeFile(p, 'not a video either\n'),
      code: 'kling.video-format',
      says: /is a text file; this field takes a video/,
    },
  ];
  for (const c of cases) {
    test(`${c.name}: an error naming the field and the file; 0 uploads, 0 submits`, { timeout: 90_000 }, () =>
      withSim(async s => {
        const p = await project(base, `wrong-${c.file.replace(/\W/g, '')}`);
        await c.make(join(p.dir, c.file));
        await copyFile(PNG, join(p.dir, 'dancer.png'));
        await copyFile(MP4, join(p.dir, 'dance.mp4'));
        const body =
          c.field === 'video_url'
            ? { endpoint: MC, prompt: 'dance', image_url: './dancer.png', video_url: c.file, character_orientation: 'video' }
            : { endpoint: I2V, prompt: 'start', duration: '3', start_image_url: c.file };
        // A warning beside the error: printed too, though the run stops on the error.
        const text = shotText({ ...body, aspect_ration: '16:9' });
        await writeFile(join(p.dir, 'wrong.kling.json'), text);
        const r = await kling(['generate', 'wrong.kling.json'], { cwd: p.dir, sim: s }).done;
        assert.equal(r.code, 1, r.out + r.err);
        const at = `wrong.kling.json:${lineOf(text, c.field)}:`;
        const line = r.err
          .split('\n')
          .map(l => l.replace(/^kling generate: /, ''))
          .find(l => l.startsWith(at) && l.includes(` error ${c.code} `));
        assert.ok(line, `no ${c.code} error at the ${c.field} line (${at}) in:\n${r.err}`);
        assert.ok(line.includes(c.file), line);
        assert.match(line, c.says);
        assert.match(
          r.err,
          new RegExp(`wrong\\.kling\\.json:${lineOf(text, 'aspect_ration')}:\\d+ warning kling\\.unknown-key .*aspect_ration`),
        );
        assert.match(r.err, /refusing to generate: 1 error; nothing was uploaded or submitted/);
        assertNothingSent(s);
      }),
    );
  }

  test('a run that goes prints every warning it does not stop on', { timeout: 90_000 }, () =>
    withSim(async s => {
      const p = await project(base, 'warned');
      // Two kinds: a key fal ignores, and a key given twice (the earlier one is ignored).
      const text =
        '{\n  "endpoint": "' + T2V + '",\n  "prompt": "first",\n  "prompt": "second",\n  "duration": "3",\n  "negative_promt": "blur"\n}\n';
      await writeFile(join(p.dir, 'warned.kling.json'), text);
      const r = await kling(['generate', 'warned.kling.json'], { cwd: p.dir, sim: s }).done;
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.err, /warned\.kling\.json:3:\d+ warning kling\.duplicate-key /);
      assert.match(r.err, /warned\.kling\.json:6:\d+ warning kling\.unknown-key .*negative_promt/);
      assert.equal(s.stats.submits, 1);
    }),
  );
});

/** Names left in an output folder that only a running or crashed process should leave. */
const leftovers = async (dir: string) => (await readdir(dir)).filter(n => /\.lock$|\.takeover-|\.tmp$|\.part$|\.partial(\.|$)/.test(n));

describe('kling generate: kill -9, then the same command again', () => {
  test('the rerun lands the take and leaves no .lock file in the output folder', { timeout: 120_000 }, () =>
    withSim(async s => {
      // Status calls fail while the first run follows its take: it holds its lock until killed.
      Object.assign(s.faults, { errorRoutes: ['status', 'stream'], errorRate: 1, errorStatuses: [503] });
      const p = await project(base, 'lock-left');
      const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
      const rec = await until('a queued record', withStatus(p.out, 'queued'), first);
      assert.deepEqual(await leftovers(p.out), [`${rec.path.slice(p.out.length + 1)}.lock`], 'the live run holds its lock');
      await killed(first);
      assert.equal((await leftovers(p.out)).length, 1, 'kill -9 leaves the lock behind');
      s.faults.errorRate = 0;
      const again = await kling(['generate', p.shot], { cwd: p.dir, sim: s }).done;
      assert.equal(again.code, 0, again.out + again.err);
      await assertLandedOnce(s, p.out);
      assert.deepEqual(await leftovers(p.out), []);
    }),
  );
});

describe('kling generate: the journal write of done fails', () => {
  test('stdout never shows done, the record stays downloading, and kling resume lands it', { timeout: 120_000 }, () =>
    withSim(async s => {
      // File downloads fail (and are retried) until the folder is set up for the failing write.
      Object.assign(s.faults, { errorRoutes: ['file'], errorRate: 1, errorStatuses: [503] });
      const p = await project(base, 'done-unwritten');
      const first = kling(['generate', p.shot], { cwd: p.dir, sim: s });
      const rec = await until('a downloading record', withStatus(p.out, 'downloading'), first);
      // A folder takes the record's place: every attempt to write `done` over it fails, as on a disk
      // that refuses the write. The record as last written is kept aside and put back afterwards.
      const aside = join(base, 'done-unwritten.take.json');
      await rename(rec.path, aside);
      await mkdir(rec.path);
      s.faults.errorRate = 0;
      const r = await first.done;
      await rmdir(rec.path);
      await rename(aside, rec.path);
      assert.equal(r.code, 1, r.out + r.err);
      assert.doesNotMatch(r.out, /: done|\bdone\b.*\.mp4/, 'done is never shown before the record says so');
      assert.match(r.out, /0 of 1 take done/);
      assert.match(r.err, new RegExp(`COULD NOT BE WRITTEN.*request id ${rec.record.requestId}`));
      assert.equal((await readTakeRecord(rec.path)).status, 'downloading');
      assert.equal(s.stats.submits, 1);

      const resumed = await kling(['resume'], { cwd: p.dir, sim: s }).done;
      assert.equal(resumed.code, 0, resumed.out + resumed.err);
      const landed = await assertLandedOnce(s, p.out);
      assert.equal(landed.id, rec.record.id);
      assert.deepEqual(
        (await records(p.out)).map(x => x.record.status),
        ['done'],
      );
    }),
  );
});
