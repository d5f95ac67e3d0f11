// `kling assemble` (the built CLI, a real process) where writing can go wrong: a real full disk
// (a small tmpfs) must fail the run with the previous cut byte for byte and no temp file; a run
// killed with SIGKILL leaves a temp file the next run removes; an output that is one of the cut's
// own inputs is refused before any work, the input untouched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeTakeRecord } from '../../../src/takes';
import { makeClip, type ClipSpec } from '../../../src/simulator';
import { smallDisk } from '../media/helpers/full-disk';
import { killed, kling, sha, until } from './helpers/kling-process';
import { killLeftoverRuns } from '../../kit/cli';

const FFMPEG = '/usr/bin/ffmpeg';
let dir: string;
const clipOf = (name: string) => join(dir, 'renders', `${name}.20260101-100000.mp4`);

/** A shot file and a done take of it with a simulator clip of `spec`. */
async function shot(name: string, spec: ClipSpec): Promise<void> {
  const shotPath = join(dir, `${name}.kling.json`);
  await writeFile(shotPath, '{ "prompt": "a paper boat" }\n');
  const base = join(dir, 'renders', `${name}.20260101-100000`);
  await writeFile(`${base}.mp4`, (await makeClip(spec)).data);
  const at = '2026-01-01T10:00:00.000Z';
  await writeTakeRecord(`${base}.take.json`, {
    version: 1,
    id: name,
    shotFile: shotPath,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat' },
    status: 'done',
    createdAt: at,
    updatedAt: at,
    clipPath: `${base}.mp4`,
  });
}

async function sequence(name: string, shots: string[]): Promise<string> {
  await writeFile(join(dir, `${name}.kling-seq.json`), JSON.stringify({ shots: shots.map(s => `${s}.kling.json`) }));
  return `${name}.kling-seq.json`;
}

const assemble = (args: string[], env: Record<string, string> = {}) => kling(['assemble', ...args], { cwd: dir, env }).done;
const temps = async (folder: string) => (await readdir(folder)).filter(n => n.includes('.partial'));

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-assemble-writes-')));
  await mkdir(join(dir, 'renders'));
  await shot('one', { durationS: 3, aspect: '16:9', shots: [3], audio: true });
  await shot('tall', { durationS: 3, aspect: '9:16', shots: [3], audio: false });
  await sequence('short', ['one']);
  await sequence('long', Array<string>(30).fill('one'));
  await sequence(
    'mixed',
    Array.from({ length: 20 }, (_, i) => (i % 2 ? 'tall' : 'one')),
  );
});
after(async () => {
  killLeftoverRuns();
  await rm(dir, { recursive: true, force: true });
});

describe('a full disk during kling assemble', () => {
  for (const path of ['remux', 'ffmpeg'] as const) {
    test(`${path}: exit 1, the previous cut and timeline byte for byte, no temp file`, { timeout: 120_000 }, async () => {
      const disk = await smallDisk(join(dir, `disk-${path}`));
      try {
        const out = relative(dir, join(disk.dir, 'cut.mp4'));
        const otio = relative(dir, join(disk.dir, 'cut.otio'));
        const first = await assemble(['short.kling-seq.json', '--out', out, '--otio', otio]);
        assert.equal(first.code, 0, first.err);
        const cut = await readFile(join(disk.dir, 'cut.mp4'));
        const timeline = await readFile(join(disk.dir, 'cut.otio'));
        await disk.fill(16 * 1024);
        const seq = path === 'remux' ? 'long.kling-seq.json' : 'mixed.kling-seq.json';
        const r = await assemble([seq, '--out', out, '--otio', otio, ...(path === 'ffmpeg' ? ['--ffmpeg', FFMPEG] : [])]);
        assert.equal(r.code, 1, `the run must fail\n${r.out}${r.err}`);
        assert.match(r.err, /no space left on device/i);
        assert.match(r.err, /cut\.mp4 and .*cut\.otio are unchanged/);
        assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
        assert.equal(sha(await readFile(join(disk.dir, 'cut.mp4'))), sha(cut), 'the previous cut is byte-identical');
        assert.equal(sha(await readFile(join(disk.dir, 'cut.otio'))), sha(timeline), 'the previous timeline is byte-identical');
        assert.deepEqual((await readdir(disk.dir)).sort(), ['cut.mp4', 'cut.otio', 'filler'], 'no temp file left');
      } finally {
        await disk.unmount();
      }
    });
  }
});

/** /proc/<pid>/stat's state: undefined once the process is gone, 'Z' while it is a zombie. */
function procState(pid: number): string | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

test('kill -9 during kling assemble: the next run removes the dead run’s temp file and succeeds', { timeout: 120_000 }, async () => {
  const out = join(dir, 'killed');
  await mkdir(out);
  // ffmpeg behind a gate: the wrapper says its pid (ffmpeg's, after exec), then waits on a FIFO,
  // so the run is held mid-write for as long as the test needs, whatever the machine's speed.
  const fifo = join(dir, 'gate.fifo');
  const mark = join(dir, 'ffmpeg.pid');
  const wrapper = join(dir, 'gated-ffmpeg.sh');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  await writeFile(wrapper, `#!/bin/sh\necho $$ > "${mark}"\nread _ < "${fifo}"\nexec ${FFMPEG} "$@"\n`);
  await chmod(wrapper, 0o755);
  const run = kling(['assemble', 'mixed.kling-seq.json', '--out', 'killed/cut.mp4', '--ffmpeg', wrapper], { cwd: dir });
  const ffmpegPid = await until('ffmpeg to be started', () => readFile(mark, 'utf8').then(Number, () => undefined), run);
  await killed(run);
  // The orphaned ffmpeg goes on; it is let through and must end (by its pipe closing, or done).
  await writeFile(fifo, '\n');
  await until('the orphaned ffmpeg to end', () => (['Z', undefined].includes(procState(ffmpegPid)) ? true : undefined));
  const left = await temps(out);
  assert.equal(left.length, 1, `the killed run left its temp file: ${left.join(', ')}`);
  assert.match(left[0]!, new RegExp(`^cut\\.${run.child.pid}-.*\\.partial\\.mp4$`), 'named after the dead writer');

  const again = await assemble(['mixed.kling-seq.json', '--out', 'killed/cut.mp4', '--ffmpeg', FFMPEG]);
  assert.equal(again.code, 0, again.err);
  assert.deepEqual(await readdir(out), ['cut.mp4'], 'the leftover is gone and only the cut is there');
});

describe('an output that is an input of the same cut is refused before any work', () => {
  const forms: [string, () => Promise<string>][] = [
    ['absolute', async () => clipOf('one')],
    ['relative', async () => relative(dir, clipOf('one'))],
    [
      'a symlink',
      async () => {
        await symlink(clipOf('one'), join(dir, 'the-clip.mp4'));
        return 'the-clip.mp4';
      },
    ],
  ];
  for (const [form, target] of forms) {
    test(`--out naming an input clip (${form}): exit 2, the clip untouched`, async () => {
      const before = sha(await readFile(clipOf('one')));
      const listing = await readdir(join(dir, 'renders'));
      const r = await assemble(['long.kling-seq.json', '--out', await target()]);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /--out: .* is one of the files the cut is made from \(.*one\.20260101-100000\.mp4\)/);
      assert.equal(sha(await readFile(clipOf('one'))), before, 'the clip is byte for byte as it was');
      assert.deepEqual(await readdir(join(dir, 'renders')), listing, 'nothing was written beside it');
    });
  }

  for (const [what, file] of [
    ['a shot file', 'one.kling.json'],
    ['the sequence', 'short.kling-seq.json'],
  ] as const) {
    test(`--otio naming ${what}: exit 2, the file untouched, no cut written`, async () => {
      const before = await readFile(join(dir, file), 'utf8');
      const r = await assemble(['short.kling-seq.json', '--out', 'refused.mp4', '--otio', file]);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /--otio: .* is one of the files the cut is made from/);
      assert.equal(await readFile(join(dir, file), 'utf8'), before);
      assert.ok(!(await readdir(dir)).some(n => n.startsWith('refused')), 'refused before any work');
    });
  }
});
