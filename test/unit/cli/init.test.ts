// `kling init` through the built CLI in a real temp folder: the project it makes validates and its
// example shot runs on the simulator; a second init (or one over any file of the project) writes
// nothing and names the file; home and a path that is a file are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { klingSync } from '../../kit/cli';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-init-')));
});
after(async () => {
  await rm(base, { recursive: true, force: true });
});

const FILES = ['.gitignore', 'cast.kling-cast.json', 'film.kling-seq.json', 'opening.kling.json'];

test('init makes a project that validates, runs on the simulator and assembles; the next commands are printed', async () => {
  const r = klingSync(['init', 'my-film'], { cwd: base });
  assert.equal(r.code, 0, r.err);
  const dir = join(base, 'my-film');
  assert.deepEqual((await readdir(dir)).sort(), FILES);
  for (const f of FILES) assert.match(r.out, new RegExp(`^  ${f.replace('.', '\\.')} `, 'm'));
  assert.match(r.out, /^ {2}cd my-film$/m);
  assert.match(r.out, /^ {2}kling generate --simulator opening\.kling\.json/m);
  assert.match(await readFile(join(dir, '.gitignore'), 'utf8'), /^renders\/$/m);
  assert.match(await readFile(join(dir, 'film.kling-seq.json'), 'utf8'), /"opening\.kling\.json"/);

  const v = klingSync(['validate', ...FILES.slice(1)], { cwd: dir });
  assert.equal(v.code, 0, v.err + v.out);
  assert.match(v.out, /0 errors, 0 warnings/);
  const g = klingSync(['generate', '--simulator', 'opening.kling.json'], { cwd: dir, env: { FAL_KEY: '' } });
  assert.equal(g.code, 0, g.err);
  const a = klingSync(['assemble', 'film.kling-seq.json', '--out', 'cut.mp4'], { cwd: dir });
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /1 shot/);
});

test('init into the current folder, then again: the second writes nothing and names the file', async () => {
  const dir = join(base, 'here');
  await mkdir(dir);
  const first = klingSync(['init'], { cwd: dir });
  assert.equal(first.code, 0, first.err);
  assert.doesNotMatch(first.out, /^ {2}cd /m);
  const shot = await readFile(join(dir, 'opening.kling.json'), 'utf8');
  await writeFile(join(dir, 'opening.kling.json'), '{ "prompt": "mine" }');
  const again = klingSync(['init', '.'], { cwd: dir });
  assert.equal(again.code, 1);
  assert.match(again.err, /opening\.kling\.json exists; nothing was written/);
  assert.equal(await readFile(join(dir, 'opening.kling.json'), 'utf8'), '{ "prompt": "mine" }');
  assert.notEqual(shot, '{ "prompt": "mine" }');
});

test('one file of the project already there: nothing at all is written', async () => {
  const dir = join(base, 'has-gitignore');
  await mkdir(dir);
  await writeFile(join(dir, '.gitignore'), 'node_modules/\n');
  const r = klingSync(['init', dir], { cwd: base });
  assert.equal(r.code, 1);
  assert.match(r.err, /\.gitignore exists; nothing was written/);
  assert.deepEqual(await readdir(dir), ['.gitignore']);
  assert.equal(await readFile(join(dir, '.gitignore'), 'utf8'), 'node_modules/\n');
});

test('home, a file and two folders are refused with a reason', async () => {
  const home = join(base, 'home');
  await mkdir(home);
  const h = klingSync(['init'], { cwd: home, env: { HOME: home } });
  assert.equal(h.code, 1);
  assert.match(h.err, /is your home folder/);
  assert.deepEqual(await readdir(home), []);
  await writeFile(join(base, 'a-file'), '');
  const f = klingSync(['init', 'a-file'], { cwd: base });
  assert.equal(f.code, 1);
  assert.match(f.err, /a-file exists and is not a folder/);
  const two = klingSync(['init', 'a', 'b'], { cwd: base });
  assert.equal(two.code, 2);
  assert.match(two.err, /give one folder/);
});
