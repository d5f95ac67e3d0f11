// The CLI prices a take with the take session's one price rule: a motion-control shot is priced by
// its reference video (6 s here), so a budget that fits it lets it through, and the record keeps
// the same estimate the editor shows (test/vscode/generation.test.ts checks Estimate Cost there).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kling, records, sim } from './helpers/kling-process';
import { killLeftoverRuns, REPO } from '../../kit/cli';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-prices-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

test('kling generate --budget 5 accepts the $1.01 motion-control example and records that estimate', { timeout: 120_000 }, async () => {
  const s = await sim();
  try {
    const dir = join(base, 'dance');
    await cp(join(REPO, 'examples'), dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{}');
    const r = await kling(['generate', 'dance.kling.json', '--budget', '5', '--out', 'renders'], { cwd: dir, sim: s }).done;
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /estimated cost: \$1\.01 for 1 new take/);
    const [take] = await records(join(dir, 'renders'));
    assert.equal(take?.record.status, 'done');
    assert.equal(take?.record.costEstimateUsd, 1.008, '6 s × $0.168/s (pro motion-control, sound off)');
    // The simulator's clip is as long as the 6 s dance video, as fal's would be, and it bills those
    // 6 s, so $1.01 is spent; another $1.01 does not fit in $1.50,
    // and the same estimate refuses it before any upload.
    const over = await kling(['generate', 'dance.kling.json', '--new', '--budget', '1.5', '--out', 'renders'], { cwd: dir, sim: s }).done;
    assert.equal(over.code, 3, over.out + over.err);
    assert.match(over.err, /\$1\.01 spent in this workspace \+ \$1\.01 for this request > \$1\.50 budget/);
    assert.equal(s.stats.submits, 1);
  } finally {
    await s.close();
  }
});
