// Which folder `npm start` opens (scripts/start-folder.mjs): a named folder relative to where npm
// was run (INIT_CWD), a missing one refused with the command that makes it, and without one a
// scratch project outside the clone, made once by the built `kling init` and reused after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module of the scripts, with no types
import { scratchFolder, startFolder } from '../../../scripts/start-folder.mjs';
import { CLI, REPO } from '../../kit/cli';

interface Opened {
  folder?: string;
  made?: boolean;
  error?: string;
}
const open = startFolder as (o: { folderArg?: string; cwd: string; env?: NodeJS.ProcessEnv; home?: string; cli: string }) => Opened;

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-start-')));
});
after(async () => {
  await rm(base, { recursive: true, force: true });
});

test('no folder: a scratch project in the home folder, made once by kling init, never in the clone', async () => {
  const home = join(base, 'home');
  await mkdir(home);
  const env = { PATH: process.env.PATH };
  const first = open({ cwd: REPO, env, home, cli: CLI });
  assert.deepEqual(first, { folder: join(home, '.kling-studio', 'scratch'), made: true });
  assert.equal((scratchFolder as (e: NodeJS.ProcessEnv, h: string) => string)(env, home), first.folder);
  assert.ok(!first.folder!.startsWith(REPO));
  assert.deepEqual((await readdir(first.folder!)).sort(), [
    '.gitignore',
    'cast.kling-cast.json',
    'film.kling-seq.json',
    'opening.kling.json',
  ]);
  await writeFile(join(first.folder!, 'mine.kling.json'), '{ "prompt": "kept" }');
  const second = open({ cwd: REPO, env, home, cli: CLI });
  assert.deepEqual(second, { folder: first.folder, made: false });
  assert.ok((await readdir(first.folder!)).includes('mine.kling.json'));
  // KLING_SCRATCH_DIR moves it.
  const moved = open({ cwd: REPO, env: { ...env, KLING_SCRATCH_DIR: join(base, 'elsewhere') }, home, cli: CLI });
  assert.deepEqual(moved, { folder: join(base, 'elsewhere'), made: true });
});

test('a named folder: relative to where npm was run; missing or a file is refused in words', async () => {
  const films = join(base, 'films');
  await mkdir(join(films, 'first'), { recursive: true });
  assert.deepEqual(open({ folderArg: 'first', cwd: REPO, env: { INIT_CWD: films }, cli: CLI }), {
    folder: join(films, 'first'),
    made: false,
  });
  const missing = open({ folderArg: 'second', cwd: REPO, env: { INIT_CWD: films }, cli: CLI });
  assert.match(missing.error ?? '', /second does not exist: make a project there first with `node .*cli\.js init .*second`/);
  await writeFile(join(films, 'note.txt'), '');
  assert.match(open({ folderArg: 'note.txt', cwd: REPO, env: { INIT_CWD: films }, cli: CLI }).error ?? '', /note\.txt is not a folder/);
});
