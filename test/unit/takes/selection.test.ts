// The circled-take sidecar: at most one selected take per shot, stored in the output folder, read
// back after a "reload" (a fresh read from disk), and harmless when missing or hand-edited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clearSelection,
  readSelection,
  selectionPath,
  selectTake,
  takesOfShot,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-selection-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function record(shotFile: string, createdAt: string, extra: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat' },
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

async function folder(name: string): Promise<{ out: string; shot: string; other: string }> {
  const root = join(dir, name);
  return { out: join(root, 'renders'), shot: join(root, 'hero.kling.json'), other: join(root, 'villain.kling.json') };
}

describe('take selection (sidecar)', () => {
  test('selecting a take unselects the others of its shot, and a fresh read sees it', async () => {
    const { out, shot, other } = await folder('select');
    const a = join(out, 'hero.20260101-100000.take.json');
    const b = join(out, 'hero.20260101-110000.take.json');
    const v = join(out, 'villain.20260101-100000.take.json');
    await writeTakeRecord(a, record(shot, '2026-01-01T10:00:00.000Z'));
    await writeTakeRecord(b, record(shot, '2026-01-01T11:00:00.000Z'));
    await writeTakeRecord(v, record(other, '2026-01-01T10:00:00.000Z'));

    assert.equal(await readSelection(out, shot), undefined);
    await selectTake(a);
    await selectTake(v);
    assert.equal(await readSelection(out, shot), a);
    await selectTake(b);
    assert.equal(await readSelection(out, shot), b);
    // Another shot's selection is its own.
    assert.equal(await readSelection(out, other), v);

    const takes = await takesOfShot(out, shot);
    assert.deepEqual(
      takes.map(t => [t.path, t.selected]),
      [
        [b, true],
        [a, false],
      ],
    );
    // Git-friendly: the sidecar names the record by file name only, and no temp file is left.
    assert.deepEqual(JSON.parse(await readFile(selectionPath(out, shot), 'utf8')), { version: 1, take: 'hero.20260101-110000.take.json' });
    assert.deepEqual(
      (await readdir(out)).filter(n => n.endsWith('.tmp') || n.includes('.partial.')),
      [],
    );
  });

  test('selecting leaves the take records byte for byte as they were', async () => {
    const { out, shot } = await folder('untouched');
    const a = join(out, 'hero.20260102-100000.take.json');
    await writeTakeRecord(a, record(shot, '2026-01-02T10:00:00.000Z', { status: 'running', requestId: 'req-1' }));
    const before = await readFile(a, 'utf8');
    await selectTake(a);
    assert.equal(await readFile(a, 'utf8'), before);
  });

  test('a missing, broken or hostile sidecar means nothing is selected', async () => {
    const { out, shot } = await folder('broken');
    const a = join(out, 'hero.20260103-100000.take.json');
    await writeTakeRecord(a, record(shot, '2026-01-03T10:00:00.000Z'));
    for (const text of [
      '{',
      '[]',
      '{"version":2,"take":"hero.20260103-100000.take.json"}',
      '{"version":1,"take":"../../etc/passwd.take.json"}',
      '{"version":1,"take":"x.mp4"}',
    ]) {
      await writeFile(selectionPath(out, shot), text);
      assert.equal(await readSelection(out, shot), undefined, text);
      assert.deepEqual(
        (await takesOfShot(out, shot)).map(t => t.selected),
        [false],
      );
    }
  });

  test('selecting a file that is not a take record fails and writes nothing', async () => {
    const { out, shot } = await folder('bad-record');
    const bad = join(out, 'hero.20260104-100000.take.json');
    await writeTakeRecord(join(out, 'hero.20260104-090000.take.json'), record(shot, '2026-01-04T09:00:00.000Z'));
    await writeFile(bad, '{"not":"a record"}');
    await assert.rejects(selectTake(bad));
    await assert.rejects(selectTake(join(out, 'hero.20260104-120000.take.json')), { code: 'ENOENT' });
    assert.equal(await readSelection(out, shot), undefined);
  });

  test('clearing removes the selection; clearing twice is fine', async () => {
    const { out, shot } = await folder('clear');
    const a = join(out, 'hero.20260105-100000.take.json');
    await writeTakeRecord(a, record(shot, '2026-01-05T10:00:00.000Z'));
    await selectTake(a);
    await clearSelection(out, shot);
    await clearSelection(out, shot);
    assert.equal(await readSelection(out, shot), undefined);
  });
});
