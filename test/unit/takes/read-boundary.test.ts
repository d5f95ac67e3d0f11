// The read boundary (src/takes/boundary.ts) and every take-store read routed through it, against
// real files in a real temp dir: real FIFOs (mkfifo), real symlinks, the real /dev/zero and
// /dev/stdin. A FIFO read that blocks is a regression: the hang guard below unblocks it (it opens
// the pipe for writing, so the blocked open returns) and fails the test instead of hanging.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, open, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findUnfinished,
  listTakeRecords,
  readInside,
  readInsideSync,
  ReadRefusedError,
  readSelection,
  readSpendRecords,
  readLedgerRecords,
  readTakeRecord,
  reportSequence,
  writeTakeRecord,
  type TakeRecord,
} from '../../../src/takes';
import { checkMedia, analyzeShot, analyzeSequence } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';

let dir: string;
let project: string;
let outside: string;
const SHOT = 'hero.kling.json';

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo ${path}: ${r.stderr}`);
}

/**
 * Waits for `work`; if it has not settled once the safety net fires, it is blocked on a FIFO: the
 * pipes are opened for writing (which lets a blocked open return) and the test fails. Not a timing
 * assertion: a working boundary answers at once, a broken one never would.
 */
async function answers<T>(what: string, work: Promise<T>, fifos: readonly string[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>(r => (timer = setTimeout(() => r('hung'), 30_000)));
  const r = await Promise.race([work, hung]);
  clearTimeout(timer);
  if (r === 'hung') {
    for (const f of fifos) {
      try {
        closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        /* no reader is waiting on it */
      }
    }
    await work.catch(() => undefined);
    assert.fail(`${what} blocked on a FIFO instead of refusing it`);
  }
  return r;
}

function record(shotFile: string, status: TakeRecord['status'] = 'done', createdAt = '2026-01-01T09:00:00.000Z'): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}-${status}`,
    shotFile,
    endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
    body: { prompt: 'a fox' },
    status,
    createdAt,
    updatedAt: createdAt,
  };
}

async function sparse(path: string, bytes: number): Promise<void> {
  const h = await open(path, 'w');
  await h.truncate(bytes);
  await h.close();
}

const refusal = (problem: string, message: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ReadRefusedError, `a ReadRefusedError, not ${String(e)}`);
  assert.equal(e.problem, problem);
  assert.match(e.message, message);
  return true;
};

before(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'kling-read-boundary-')));
  project = join(dir, 'project');
  outside = join(dir, 'outside');
  await mkdir(join(project, 'renders'), { recursive: true });
  await mkdir(join(outside, 'renders'), { recursive: true });
  await writeFile(join(project, SHOT), '{ "prompt": "a fox" }\n');
  await writeFile(join(outside, SHOT), '{ "prompt": "a fox" }\n');
});
after(() => rm(dir, { recursive: true, force: true }));

describe('readInside', () => {
  test('a FIFO, a device, a directory: refused on the handle, with the kind named, never waited on', async () => {
    const fifo = join(dir, 'pipe.take.json');
    mkfifo(fifo);
    const o = { maxBytes: 1024, kind: 'take record' as const };
    await answers(
      'readInside',
      assert.rejects(
        readInside(fifo, o),
        refusal('not-a-file', /^take record .*pipe\.take\.json is a FIFO \(named pipe\), not a regular file; it was not read\.$/),
      ),
      [fifo],
    );
    assert.throws(() => readInsideSync(fifo, o), refusal('not-a-file', /is a FIFO \(named pipe\), not a regular file/));
    await assert.rejects(
      readInside('/dev/zero', o),
      refusal('not-a-file', /^take record \/dev\/zero is a character device, not a regular file/),
    );
    await assert.rejects(readInside(dir, o), refusal('not-a-file', /is a directory, not a regular file/));
    // Inside the roots too: where it is does not make a FIFO readable.
    await answers('readInside', assert.rejects(readInside(fifo, { ...o, roots: [dir] }), refusal('not-a-file', /FIFO/)), [fifo]);
  });

  test('a file over the cap is refused before it is read: memory stays small', async () => {
    const big = join(dir, 'big.kling-seq.json');
    await sparse(big, 64 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    await assert.rejects(
      readInside(big, { maxBytes: 5 * 1024 * 1024, kind: 'sequence file', shown: 'big.kling-seq.json' }),
      refusal('too-large', /^sequence file big\.kling-seq\.json is larger than 5 MB; it was not read\.$/),
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024, 'the 64 MB file was not read');
    assert.throws(() => readInsideSync(big, { maxBytes: 1024 * 1024, kind: 'take record' }), refusal('too-large', /larger than 1 MB/));
  });

  test('outside the roots after symlinks: refused before opening, with where it leads', async () => {
    const secret = join(outside, 'secret.txt');
    await writeFile(secret, 'secret');
    const link = join(project, 'link.take.json');
    await symlink(secret, link);
    const o = { roots: [project], maxBytes: 1024, kind: 'take record' as const };
    await assert.rejects(
      readInside(link, o),
      refusal('outside', new RegExp(`resolves to ${secret}, outside the root ${project}; it was not read`)),
    );
    await assert.rejects(readInside(join(project, '..', 'outside', 'secret.txt'), o), refusal('outside', /outside the root/));
    assert.throws(() => readInsideSync(link, o), refusal('outside', /outside the root/));
    // No roots: the caller allows any place (a file named on the command line).
    assert.equal((await readInside(link, { maxBytes: 1024, kind: 'shot file' })).toString(), 'secret');
    await assert.rejects(
      readInside(join(project, 'nope.take.json'), o),
      refusal('missing', /^take record .*nope\.take\.json does not exist\.$/),
    );
  });

  test('/dev/stdin and /dev/zero behind a record name: refused at once', async () => {
    const out = join(dir, 'devices');
    await mkdir(out);
    await symlink('/dev/zero', join(out, 'hero.20260101-000001.take.json'));
    await symlink('/dev/stdin', join(out, 'hero.20260101-000002.take.json'));
    const before = process.memoryUsage().arrayBuffers;
    const skipped: string[] = [];
    assert.deepEqual(await listTakeRecords(out, { onSkip: (_p, why) => skipped.push(why) }), []);
    assert.equal(skipped.length, 2);
    assert.match(skipped[0]!, /take record .*000001\.take\.json resolves to \/dev\/zero, outside the root/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    // Even where any place is allowed, a device is no file.
    await assert.rejects(
      readInside(join(out, 'hero.20260101-000001.take.json'), { maxBytes: 1024, kind: 'take record' }),
      refusal('not-a-file', /character device/),
    );
  });
});

describe('take store reads', () => {
  test('listTakeRecords and readTakeRecord: a FIFO record is skipped with its reason, the others are read', async () => {
    const out = join(project, 'renders');
    const shot = join(project, SHOT);
    const good = join(out, 'hero.20260101-090000.take.json');
    await writeTakeRecord(good, record(shot));
    const fifo = join(out, 'hero.20260101-080000.take.json');
    mkfifo(fifo);
    const skipped: [string, boolean][] = [];
    const listed = await answers(
      'listTakeRecords',
      listTakeRecords(out, { roots: [project], onSkip: (_p, why, refused) => skipped.push([why, refused]) }),
      [fifo],
    );
    assert.deepEqual(
      listed.map(t => t.path),
      [good],
    );
    assert.deepEqual(skipped, [[`take record ${fifo} is a FIFO (named pipe), not a regular file; it was not read.`, true]]);
    await answers('readTakeRecord', assert.rejects(readTakeRecord(fifo), refusal('not-a-file', /FIFO/)), [fifo]);
    const sidecar = join(out, 'hero.selection.json');
    mkfifo(sidecar);
    assert.equal(await answers('readSelection', readSelection(out, shot), [sidecar]), undefined, 'a FIFO sidecar selects nothing');
    const found = await answers('findUnfinished', findUnfinished([project]), [fifo]);
    assert.deepEqual(found, []);
  });

  test('a record symlinked out of its folder, or out of the roots, is not read', async () => {
    const elsewhere = join(outside, 'renders', 'hero.20260102-090000.take.json');
    await writeTakeRecord(elsewhere, record(join(outside, SHOT), 'running'));
    const out = join(dir, 'links', 'renders');
    await mkdir(out, { recursive: true });
    const link = join(out, 'hero.20260102-090000.take.json');
    await symlink(elsewhere, link);
    // Default roots: the record's own folder.
    await assert.rejects(readTakeRecord(link), refusal('outside', /resolves to .*outside\/renders.*outside the root .*links\/renders/));
    assert.deepEqual(await listTakeRecords(out), []);
    assert.deepEqual(await findUnfinished([join(dir, 'links')]), []);
    // A caller that names the other folder as a root reads it.
    assert.equal((await readTakeRecord(link, { roots: [out, outside] })).status, 'running');
  });

  test('a symlinked output folder leading outside the roots is not read, and says so once', async () => {
    const proj = join(dir, 'linked-out');
    await mkdir(proj);
    await writeTakeRecord(join(outside, 'renders', 'hero.20260103-090000.take.json'), record(join(proj, SHOT)));
    await symlink(join(outside, 'renders'), join(proj, 'renders'));
    const skipped: string[] = [];
    assert.deepEqual(await listTakeRecords(join(proj, 'renders'), { roots: [proj], onSkip: (_p, why) => skipped.push(why) }), []);
    assert.deepEqual(skipped, [
      `output folder ${join(proj, 'renders')} resolves to ${join(outside, 'renders')}, outside the root ${proj}; it was not read.`,
    ]);
  });

  test('spend and the ledger: a record over 1 MB is reported, not read', async () => {
    const folder = join(dir, 'spend');
    await mkdir(folder);
    const rec = { ...record(join(folder, SHOT)), body: { prompt: 'x'.repeat(1024 * 1024 + 10) } };
    await writeFile(join(folder, 'hero.20260104-090000.take.json'), JSON.stringify(rec));
    await writeTakeRecord(join(folder, 'hero.20260104-100000.take.json'), record(join(folder, SHOT), 'done', '2026-01-04T10:00:00.000Z'));
    const spend = await readSpendRecords([folder]);
    assert.equal(spend.records.length, 1);
    assert.deepEqual(
      spend.unreadable.map(u => u.reason),
      [`take record ${join(folder, 'hero.20260104-090000.take.json')} is larger than 1 MB; it was not read.`],
    );
    assert.equal((await readLedgerRecords([folder])).length, 1);
  });

  test('a torn record says what is wrong in words, with line and column', async () => {
    const torn = join(dir, 'torn.take.json');
    await writeFile(torn, '{\n  "version": 1\n  "id": "x"\n}\n');
    await assert.rejects(readTakeRecord(torn), (e: unknown) => {
      assert.equal((e as Error).message, `take record ${torn} is not JSON: Comma expected at line 3, column 3.`);
      return true;
    });
  });
});

describe('sequences', () => {
  test('entries leading outside the roots are not read and say where they lead', async () => {
    const proj = join(dir, 'seq-outside');
    await mkdir(proj);
    await writeFile(join(proj, SHOT), '{}');
    const seq = join(proj, 'cut.kling-seq.json');
    const pinned = join(outside, 'renders', 'hero.20260105-090000.take.json');
    await writeTakeRecord(pinned, record(join(outside, SHOT)));
    const text = JSON.stringify({
      shots: ['../outside/hero.kling.json', join(outside, SHOT), { shot: SHOT, take: '../outside/renders/hero.20260105-090000.take.json' }],
    });
    const r = await reportSequence(seq, text, { roots: [proj] });
    const notRead = r.diagnostics.filter(d => d.code === 'kling.sequence-not-read').map(d => d.message);
    assert.deepEqual(notRead, [
      `shot file ../outside/hero.kling.json resolves to ${join(outside, SHOT)}, outside the root ${proj}; it was not read.`,
      `shot file ${join(outside, SHOT)} resolves to ${join(outside, SHOT)}, outside the root ${proj}; it was not read.`,
      `take record ../outside/renders/hero.20260105-090000.take.json resolves to ${pinned}, outside the root ${proj}; it was not read.`,
    ]);
    assert.ok(r.entries.every(e => e.resolved === undefined));
  });

  test('a FIFO shot or take record in a sequence is refused, never waited on', async () => {
    const proj = join(dir, 'seq-fifo');
    await mkdir(join(proj, 'renders'), { recursive: true });
    await writeFile(join(proj, SHOT), '{}');
    const fifoShot = join(proj, 'pipe.kling.json');
    const fifoTake = join(proj, 'renders', 'hero.20260106-090000.take.json');
    mkfifo(fifoShot);
    mkfifo(fifoTake);
    const r = await answers(
      'reportSequence',
      reportSequence(join(proj, 'cut.kling-seq.json'), JSON.stringify({ shots: ['pipe.kling.json', SHOT] })),
      [fifoShot, fifoTake],
    );
    assert.deepEqual(
      r.diagnostics.map(d => [d.code, d.message]),
      [
        ['kling.sequence-not-read', 'shot file pipe.kling.json is a FIFO (named pipe), not a regular file; it was not read.'],
        ['kling.sequence-not-read', `take record ${fifoTake} is a FIFO (named pipe), not a regular file; it was not read.`],
        ['kling.sequence-not-generated', 'hero.kling.json: not generated yet (no done take)'],
      ],
    );
  });

  test('a parse error is said in words, never as a code name or "<unknown ParseErrorCode>"', () => {
    const [comma] = analyzeSequence('{ "shots": [ "a.kling.json" "b.kling.json" ] }').diagnostics;
    assert.equal(comma!.message, 'Comma expected: the sequence file must be JSON (comments and trailing commas are allowed)');
    assert.deepEqual(comma!.range.start, { line: 0, character: 28 });
    const deep = analyzeSequence('['.repeat(100_000)).diagnostics.map(d => d.message);
    assert.ok(deep.length > 0);
    for (const m of deep) assert.doesNotMatch(m, /unknown ParseErrorCode|[A-Z][a-z]+Expected/);
  });
});

test('a missing media path is shown as written: a NUL is its escape, not lost', async () => {
  const shot = join(project, 'nul.kling.json');
  const text = JSON.stringify({
    endpoint: 'fal-ai/kling-video/v3/pro/image-to-video',
    prompt: 'x',
    start_image_url: '\u0000/etc/passwd',
  });
  const found = await checkMedia(analyzeShot(text), { shotFilePath: shot, workspaceFolders: [project], files: nodeFileAccess });
  assert.deepEqual(
    found.map(d => [d.code, d.message]),
    [['kling.media-missing', `File not found: \\u0000/etc/passwd (looked for ${project}/\\u0000/etc/passwd).`]],
  );
});
