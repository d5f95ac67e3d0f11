// The atomic writer (src/media/atomic-write.ts) against real files: a write replaces the file whole
// or not at all; a failing producer, a target it may not replace and a real full disk (a tmpfs)
// each leave the old file byte for byte and no temp file; the temp file of a writer killed with
// SIGKILL is removed by the next write that sweeps, while a live writer's is kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, link, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { removeDeadTemps, stageFile, tempPathFor, writeAtomic, writeFileAtomic } from '../../../src/media/atomic-write';
import { checkOutputs, OutputConflictError } from '../../../src/media/assemble';
import { smallDisk } from './helpers/full-disk';
import { bundleScript } from '../../kit/node-script';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-atomic-')));
});
after(() => rm(base, { recursive: true, force: true }));

let n = 0;
async function folder(): Promise<string> {
  const dir = join(base, `d${++n}`);
  await mkdir(dir);
  return dir;
}

test('a write replaces the file whole, keeps its permissions and leaves no temp file', async () => {
  const dir = await folder();
  const path = join(dir, 'a.take.json');
  await writeFile(path, 'old');
  await chmod(path, 0o640);
  await writeFileAtomic(path, 'new content');
  assert.equal(await readFile(path, 'utf8'), 'new content');
  assert.equal((await stat(path)).mode & 0o777, 0o640);
  assert.deepEqual(await readdir(dir), ['a.take.json']);
});

test('a producer that fails: the error propagates, the old file stays, the temp file is removed', async () => {
  const dir = await folder();
  const path = join(dir, 'cut.mp4');
  await writeFile(path, 'the good cut');
  let temp = '';
  await assert.rejects(
    writeAtomic(path, async t => {
      temp = t.path;
      await t.write('half a cu');
      throw new Error('encoder died');
    }),
    /encoder died/,
  );
  assert.equal(basename(temp).startsWith('cut.'), true);
  assert.match(temp, /\.partial\.mp4$/);
  assert.equal(await readFile(path, 'utf8'), 'the good cut');
  assert.deepEqual(await readdir(dir), ['cut.mp4']);
});

test('staged files replace nothing until committed; a discard leaves no trace', async () => {
  const dir = await folder();
  const path = join(dir, 'cut.otio');
  await writeFile(path, 'old timeline');
  const staged = await stageFile(path, t => t.write('new timeline'));
  assert.equal(await readFile(path, 'utf8'), 'old timeline');
  await staged.discard();
  assert.deepEqual(await readdir(dir), ['cut.otio']);
  const again = await stageFile(path, t => t.write('new timeline'));
  await again.commit();
  assert.equal(await readFile(path, 'utf8'), 'new timeline');
  assert.deepEqual(await readdir(dir), ['cut.otio']);
});

test('exclusive: a file that exists is never replaced (EEXIST), and nothing is left behind', async () => {
  const dir = await folder();
  const path = join(dir, 'a-next.kling.json');
  await writeFileAtomic(path, 'mine', { exclusive: true });
  await assert.rejects(writeFileAtomic(path, 'theirs', { exclusive: true }), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
  assert.equal(await readFile(path, 'utf8'), 'mine');
  assert.deepEqual(await readdir(dir), ['a-next.kling.json']);
});

describe('a real full disk (tmpfs)', () => {
  for (const how of ['writeFileAtomic', 'positional writes'] as const) {
    test(`${how}: ENOSPC propagates, the old file is byte-identical, no temp file is left`, async () => {
      const disk = await smallDisk(join(base, `disk-${how.split(' ')[0]}`));
      try {
        const path = join(disk.dir, 'cut.mp4');
        const good = Buffer.from('a good cut '.repeat(1000));
        await writeFileAtomic(path, good);
        await disk.fill(16 * 1024);
        const big = Buffer.alloc(256 * 1024, 7);
        const write =
          how === 'writeFileAtomic'
            ? writeFileAtomic(path, big)
            : // As mediabunny writes a cut: chunks at positions, the header last.
              writeAtomic(path, async temp => {
                for (let at = 4096; at < big.length; at += 64 * 1024) await temp.write(big.subarray(at, at + 64 * 1024), at);
                await temp.write(big.subarray(0, 4096), 0);
              });
        await assert.rejects(write, (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
        assert.ok((await readFile(path)).equals(good), 'the old file is byte for byte as it was');
        assert.deepEqual((await readdir(disk.dir)).sort(), ['cut.mp4', 'filler']);
      } finally {
        await disk.unmount();
      }
    });
  }
});

describe('leftovers of a killed writer', () => {
  const children: ChildProcess[] = [];
  let hold: string;
  before(async () => {
    hold = await bundleScript(join(__dirname, 'helpers', 'hold-temp.ts'), base);
  });
  after(() => children.forEach(c => c.kill('SIGKILL')));

  /** A writer of `path` stopped half-way, and the path of its temp file once it is on disk. */
  async function halfWriter(path: string): Promise<{ child: ChildProcess; temp: string }> {
    const child = spawn(process.execPath, [hold, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    const temp = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', d => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', code => reject(new Error(`the writer ended (${code}) before its temp file was there`)));
    });
    return { child, temp };
  }

  test('the next sweeping write removes a dead writer’s temp file and keeps a live one’s', { timeout: 60_000 }, async () => {
    const dir = await folder();
    const path = join(dir, 'cut.mp4');
    await writeFile(path, 'old cut');
    const dead = await halfWriter(path);
    const live = await halfWriter(path);
    const exited = new Promise(r => dead.child.once('exit', r));
    dead.child.kill('SIGKILL');
    await exited;
    assert.match(basename(dead.temp), new RegExp(`^cut\\.${dead.child.pid}-`), 'the temp file names its writer');
    assert.deepEqual((await readdir(dir)).sort(), ['cut.mp4', basename(dead.temp), basename(live.temp)].sort());

    // Another target's leftovers, and a file that only looks like one, are not this write's business.
    const other = tempPathFor(join(dir, 'other.mp4')).replace(`.${process.pid}-`, `.${dead.child.pid}-`);
    await writeFile(other, 'x');
    await symlink(path, join(dir, basename(tempPathFor(path)).replace(`.${process.pid}-`, `.${dead.child.pid}-`)));

    await writeFileAtomic(path, 'new cut', { sweep: true });
    const left = await readdir(dir);
    assert.ok(!left.includes(basename(dead.temp)), 'the dead writer’s temp file is gone');
    assert.ok(left.includes(basename(live.temp)), 'the live writer’s temp file is kept');
    assert.ok(left.includes(basename(other)), 'another target’s leftover is not touched');
    assert.equal(left.length, 4, left.join(', '));
    assert.equal(await readFile(path, 'utf8'), 'new cut');
    assert.deepEqual(await removeDeadTemps(path), [], 'nothing else is judged dead');
    live.child.kill('SIGKILL');
  });
});

describe('an output that is an input of the same cut is refused before any work', () => {
  test('absolute, relative, symlink and hard link to a clip; the timeline on a shot file; a folder', async () => {
    const dir = await folder();
    const clip = join(dir, 'one.mp4');
    const shotFile = join(dir, 'one.kling.json');
    await writeFile(clip, 'clip');
    await writeFile(shotFile, '{}');
    await symlink(clip, join(dir, 'link.mp4'));
    await link(clip, join(dir, 'hard.mp4'));
    const shots = [{ name: 'one.kling.json', clipPath: clip }];
    const refused = async (o: { outPath: string; otioPath?: string }, kind: OutputConflictError['kind'], other?: string) =>
      assert.rejects(checkOutputs(shots, { ...o, inputs: [shotFile] }), (e: unknown) => {
        assert.ok(e instanceof OutputConflictError, String(e));
        assert.deepEqual([e.kind, e.other], [kind, other]);
        return true;
      });
    await refused({ outPath: clip }, 'input', clip);
    await refused({ outPath: relative(process.cwd(), clip) }, 'input', clip);
    await refused({ outPath: join(dir, 'link.mp4') }, 'input', clip);
    await refused({ outPath: join(dir, 'hard.mp4') }, 'input', clip);
    await refused({ outPath: join(dir, 'cut.mp4'), otioPath: shotFile }, 'input', shotFile);
    await refused({ outPath: join(dir, 'cut.mp4'), otioPath: join(dir, 'cut.mp4') }, 'cut', join(dir, 'cut.mp4'));
    await refused({ outPath: dir }, 'folder');
    await checkOutputs(shots, { outPath: join(dir, 'cut.mp4'), otioPath: join(dir, 'cut.otio'), inputs: [shotFile] });
    assert.equal(await readFile(clip, 'utf8'), 'clip');
    assert.equal(await readFile(shotFile, 'utf8'), '{}');
  });
});
