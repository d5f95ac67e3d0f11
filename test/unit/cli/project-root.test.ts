// The CLI's default upload root: the nearest project folder above the shot, else the shot's folder,
// and never the home folder (which often holds a .vscode folder of its own) or /.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRootsOf } from '../../../src/cli/project-root';

test('nearest folder with .git, .vscode or package.json; else the shot folder; never home', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kling-root-'));
  const home = process.env.HOME;
  try {
    process.env.HOME = join(dir, 'home');
    await mkdir(join(dir, 'home', '.vscode'), { recursive: true });
    await mkdir(join(dir, 'home', 'proj', '.git'), { recursive: true });
    await mkdir(join(dir, 'home', 'proj', 'shots', 'deep'), { recursive: true });
    await mkdir(join(dir, 'home', 'loose', 'shots'), { recursive: true });
    assert.deepEqual(await projectRootsOf(join(dir, 'home', 'proj', 'shots', 'deep', 'a.kling.json')), [join(dir, 'home', 'proj')]);
    await writeFile(join(dir, 'home', 'proj', 'shots', 'package.json'), '{}');
    assert.deepEqual(await projectRootsOf(join(dir, 'home', 'proj', 'shots', 'deep', 'a.kling.json')), [
      join(dir, 'home', 'proj', 'shots'),
    ]);
    // Only home has a marker above this shot: its own folder, not home.
    assert.deepEqual(await projectRootsOf(join(dir, 'home', 'loose', 'shots', 'a.kling.json')), [join(dir, 'home', 'loose', 'shots')]);
    // A shot right in home (or in /) has no default root at all.
    assert.deepEqual(await projectRootsOf(join(dir, 'home', 'a.kling.json')), []);
    assert.deepEqual(await projectRootsOf('/a.kling.json'), []);
  } finally {
    process.env.HOME = home;
    await rm(dir, { recursive: true, force: true });
  }
});
