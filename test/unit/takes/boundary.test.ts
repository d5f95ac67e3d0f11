import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkInside, openInside, OutsideRootError, realRoots } from '../../../src/takes/boundary';

describe('workspace boundary', () => {
  let dir: string;
  let root: string;
  let outside: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kling-boundary-'));
    root = join(dir, 'project');
    outside = join(dir, 'secret.txt');
    await mkdir(join(root, 'refs'), { recursive: true });
    await writeFile(join(root, 'refs', 'a.png'), 'inside');
    await writeFile(outside, 'outside');
    await symlink(outside, join(root, 'refs', 'link.png'));
    await symlink(join(root, 'refs', 'a.png'), join(root, 'refs', 'good-link.png'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts a file inside, through a symlink that stays inside too', async () => {
    const roots = await realRoots([root]);
    assert.equal((await checkInside(join(root, 'refs', 'a.png'), roots)).inside, true);
    assert.equal((await checkInside(join(root, 'refs', 'good-link.png'), roots)).inside, true);
  });

  it('refuses ../ paths and symlinks that lead outside, and says where they lead', async () => {
    const roots = await realRoots([root]);
    const viaDots = await checkInside(join(root, 'refs', '..', '..', 'secret.txt'), roots);
    assert.deepEqual(viaDots, { inside: false, reason: 'outside', realPath: await realRoots([outside]).then(r => r[0]) });
    assert.deepEqual(await checkInside(join(root, 'refs', 'link.png'), roots), viaDots);
    assert.deepEqual(await checkInside(join(root, 'nope.png'), roots), { inside: false, reason: 'missing' });
  });

  it('openInside reads the checked file and refuses one outside before opening it', async () => {
    const roots = await realRoots([root]);
    const { handle } = await openInside(join(root, 'refs', 'good-link.png'), roots);
    try {
      assert.equal((await handle.readFile()).toString(), 'inside');
    } finally {
      await handle.close();
    }
    await assert.rejects(openInside(join(root, 'refs', 'link.png'), roots), (e: unknown) => {
      assert.ok(e instanceof OutsideRootError);
      assert.match(e.message, /outside the root/);
      return true;
    });
  });
});
