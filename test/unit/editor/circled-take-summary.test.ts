// What the shot editor says about the shot's circled take, from the take store's listing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectTake, takesOfShot, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { circledTakeSummary } from '../../../src/extension/editor/circled-take-summary';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kling-circled-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function rec(shotFile: string, id: string, createdAt: string, extra: Partial<TakeRecord> = {}): TakeRecord {
  return {
    version: 1,
    id,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a paper boat', duration: '10' },
    status: 'done',
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

test('no takes, takes but none circled, then the circled one with its clip length and thumbnail', async () => {
  const shot = join(dir, 'boat.kling.json');
  const out = join(dir, 'renders');
  assert.deepEqual(circledTakeSummary(await takesOfShot(out, shot)), { type: 'circledTake', count: 0 });

  await writeTakeRecord(join(out, 'boat.20260101-100000.take.json'), rec(shot, 'a', '2026-01-01T10:00:00.000Z'));
  const b = join(out, 'boat.20260101-110000.take.json');
  await writeTakeRecord(
    b,
    rec(shot, 'b', '2026-01-01T11:00:00.000Z', { video: { url: 'https://x/v.mp4', durationSeconds: 10.041 }, clipPath: 'x.mp4' }),
  );
  assert.deepEqual(circledTakeSummary(await takesOfShot(out, shot)), { type: 'circledTake', count: 2 });

  await selectTake(b);
  assert.deepEqual(circledTakeSummary(await takesOfShot(out, shot), 'vscode-webview://x/boat.mp4?v=1-2'), {
    type: 'circledTake',
    count: 2,
    take: {
      id: 'b',
      name: 'boat.20260101-110000',
      createdAt: '2026-01-01T11:00:00.000Z',
      status: 'done',
      durationS: 10.04,
      thumbSrc: 'vscode-webview://x/boat.mp4?v=1-2',
    },
  });
  // Without a verified clip the requested length stands in; no thumbnail is offered.
  await selectTake(join(out, 'boat.20260101-100000.take.json'));
  const a = circledTakeSummary(await takesOfShot(out, shot)).take;
  assert.equal(a?.durationS, 10);
  assert.equal(a?.thumbSrc, undefined);
});
