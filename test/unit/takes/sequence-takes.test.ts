// A sequence against a real folder: shot files, take records and a selection sidecar on disk, and
// `kling validate` on it as a user runs it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportSequence, selectTake, writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { klingSync, REPO } from '../../kit/cli';

let dir: string;

function record(shotFile: string, createdAt: string, status: TakeRecord['status'] = 'done'): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'x' },
    status,
    createdAt,
    updatedAt: createdAt,
  };
}

const SEQ = `{
  "shots": [
    "a.kling.json",
    "b.kling.json",
    { "shot": "a.kling.json", "take": "renders/a.20260101-090000.take.json" },
    "fresh.kling.json"
  ]
}
`;

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-seq-')));
  await mkdir(join(dir, 'renders'));
  for (const s of ['a', 'b', 'fresh']) await writeFile(join(dir, `${s}.kling.json`), '{ "prompt": "a fox" }\n');
  const a = join(dir, 'a.kling.json');
  await writeTakeRecord(join(dir, 'renders', 'a.20260101-090000.take.json'), record(a, '2026-01-01T09:00:00Z'));
  await writeTakeRecord(join(dir, 'renders', 'a.20260101-100000.take.json'), record(a, '2026-01-01T10:00:00Z'));
  await writeTakeRecord(join(dir, 'renders', 'a.20260101-110000.take.json'), record(a, '2026-01-01T11:00:00Z', 'failed'));
  const b = join(dir, 'b.kling.json');
  await writeTakeRecord(join(dir, 'renders', 'b.20260101-090000.take.json'), record(b, '2026-01-01T09:00:00Z'));
  await writeTakeRecord(join(dir, 'renders', 'b.20260101-100000.take.json'), record(b, '2026-01-01T10:00:00Z'));
  await selectTake(join(dir, 'renders', 'b.20260101-090000.take.json'));
  await writeFile(join(dir, 'cut.kling-seq.json'), SEQ);
});
after(() => rm(dir, { recursive: true, force: true }));

test('each entry resolves from the disk: newest done, selected, pinned; an ungenerated shot is a hint', async () => {
  const r = await reportSequence(join(dir, 'cut.kling-seq.json'), SEQ);
  assert.deepEqual(
    r.entries.map(e => [e.resolved?.source, e.resolved?.take.path.slice(dir.length + 1)]),
    [
      ['newest', 'renders/a.20260101-100000.take.json'],
      ['selected', 'renders/b.20260101-090000.take.json'],
      ['pinned', 'renders/a.20260101-090000.take.json'],
      [undefined, undefined],
    ],
  );
  assert.equal(r.entries[0]!.resolved!.take.clipPath, join(dir, 'renders', 'a.20260101-100000.mp4'));
  assert.deepEqual(
    r.diagnostics.map(d => [d.code, d.severity]),
    [['kling.sequence-not-generated', 'info']],
  );
});

test('missing shot and missing or unfinished pinned takes are errors on their own strings', async () => {
  await writeTakeRecord(
    join(dir, 'renders', 'a.20260101-120000.take.json'),
    record(join(dir, 'a.kling.json'), '2026-01-01T12:00:00Z', 'running'),
  );
  const text = `{ "shots": [ "nope.kling.json", { "shot": "a.kling.json", "take": "renders/gone.take.json" }, { "shot": "a.kling.json", "take": "renders/a.20260101-120000.take.json" } ] }`;
  const r = await reportSequence(join(dir, 'bad.kling-seq.json'), text);
  assert.deepEqual(
    r.diagnostics.map(d => [d.code, text.slice(d.offset, d.offset + d.length)]),
    [
      ['kling.sequence-shot-missing', '"nope.kling.json"'],
      ['kling.sequence-take-missing', '"renders/gone.take.json"'],
      ['kling.sequence-take-not-done', '"renders/a.20260101-120000.take.json"'],
    ],
  );
});

test('kling validate takes sequence files, alone and in a directory', async () => {
  const run = (args: string[]) => klingSync(['validate', ...args], { cwd: dir });
  const ok = run(['cut.kling-seq.json']);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /^cut\.kling-seq\.json:6:5 info kling\.sequence-not-generated fresh\.kling\.json: not generated yet/m);
  await writeFile(join(dir, 'broken.kling-seq.json'), '{ "shots": [ "missing.kling.json" ] }');
  const bad = run(['.']);
  assert.equal(bad.code, 1, bad.out + bad.err);
  assert.match(bad.out, /^broken\.kling-seq\.json:1:14 error kling\.sequence-shot-missing Shot file not found: missing\.kling\.json/m);
  assert.match(bad.out, /5 files checked: 1 error/);
});

test('the example sequence validates clean', () => {
  const r = klingSync(['validate', 'examples'], { cwd: REPO });
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /cut\.kling-seq\.json:\d+:\d+ info kling\.sequence-not-generated/);
});
