// Every `kling` command that reads a file a user or a file names, through the built CLI as a real
// child process: a FIFO, /dev/zero or /dev/stdin behind a shot, a sequence or a take record is
// refused at once with the file and the problem named; a record, an output folder or a sequence
// entry that leads outside the project is not read. A regression would block the child on a FIFO
// (or read /dev/zero forever): `answers` waits for the child's exit and, should the safety net
// fire first, kills it and fails the test, so nothing hangs.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, open, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTakeRecord, type TakeRecord } from '../../../src/takes';
import { kling, T2V } from './helpers/kling-process';
import { killLeftoverRuns, type Exit } from '../../kit/cli';

let base: string;

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo ${path}: ${r.stderr}`);
}

/** The child's exit; a child still running when the safety net fires is blocked: killed, and the test fails. */
async function answers(args: string[], cwd: string): Promise<Exit> {
  const run = kling(args, { cwd });
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>(r => (timer = setTimeout(() => r('hung'), 30_000)));
  const r = await Promise.race([run.done, hung]);
  clearTimeout(timer);
  if (r === 'hung') {
    run.child.kill('SIGKILL');
    await run.done;
    assert.fail(`kling ${args.join(' ')} did not answer (blocked reading a file); stderr so far: ${run.err()}`);
  }
  assert.doesNotMatch(r.err + r.out, /\n\s+at /, 'no stack trace');
  return r;
}

function record(shotFile: string, status: TakeRecord['status'] = 'done', createdAt = '2026-01-01T09:00:00.000Z'): TakeRecord {
  return {
    version: 1,
    id: `take-${createdAt}`,
    shotFile,
    endpointId: T2V,
    body: { prompt: 'a fox', duration: '3' },
    status,
    createdAt,
    updatedAt: createdAt,
  };
}

/** A project (package.json marks its root) with one shot and a sequence of it. */
async function project(name: string): Promise<{ dir: string; shot: string; out: string }> {
  const dir = join(base, name);
  await mkdir(join(dir, 'renders'), { recursive: true });
  await writeFile(join(dir, 'package.json'), '{}');
  const shot = join(dir, 'hero.kling.json');
  await writeFile(shot, JSON.stringify({ endpoint: T2V, prompt: `a paper boat ${name}`, duration: '3' }));
  await writeFile(join(dir, 'cut.kling-seq.json'), JSON.stringify({ shots: ['hero.kling.json'] }));
  return { dir, shot, out: join(dir, 'renders') };
}

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-read-cli-')));
});
afterEach(killLeftoverRuns);
after(() => rm(base, { recursive: true, force: true }));

describe('a FIFO where a file is expected', () => {
  test('as a shot file: kling validate and kling generate answer at once and name it', async () => {
    const { dir } = await project('fifo-shot');
    mkfifo(join(dir, 'pipe.kling.json'));
    const v = await answers(['validate', 'pipe.kling.json'], dir);
    assert.equal(v.code, 1);
    assert.match(
      v.out,
      /pipe\.kling\.json:1:1 error kling\.not-a-file shot file pipe\.kling\.json is a FIFO \(named pipe\), not a regular file; it was not read\./,
    );
    const g = await answers(['generate', '--simulator', 'pipe.kling.json'], dir);
    assert.equal(g.code, 1);
    assert.match(g.err, /shot file pipe\.kling\.json is a FIFO \(named pipe\), not a regular file; it was not read\./);
    assert.match(g.err, /nothing was uploaded or submitted/);
  });

  test('as a take record: takes, takes select, generate, validate and assemble answer at once and name it', async () => {
    const { dir, out } = await project('fifo-record');
    const fifo = join(out, 'hero.20260101-080000.take.json');
    mkfifo(fifo);
    const named = new RegExp(`take record ${fifo} is a FIFO \\(named pipe\\), not a regular file; it was not read`);

    const list = await answers(['takes', 'hero.kling.json'], dir);
    assert.equal(list.code, 0);
    assert.match(list.err, named);
    assert.match(list.out, /no takes of hero\.kling\.json/);

    const select = await answers(['takes', 'select', 'renders/hero.20260101-080000.take.json'], dir);
    assert.equal(select.code, 1);
    assert.match(select.err, named);
    assert.match(select.err, /nothing was circled/);

    const validate = await answers(['validate', 'cut.kling-seq.json'], dir);
    assert.equal(validate.code, 1);
    assert.match(validate.out, /error kling\.sequence-not-read take record .* is a FIFO/);

    const assemble = await answers(['assemble', 'cut.kling-seq.json', '--out', 'cut.mp4'], dir);
    assert.equal(assemble.code, 1);
    assert.match(assemble.err, named);

    const generate = await answers(['generate', '--simulator', 'hero.kling.json'], dir);
    assert.match(generate.err, named);
    assert.equal(generate.code, 0, `the FIFO is no take: the shot is generated (${generate.err})`);
  });
});

test('a record symlinked to /dev/zero or /dev/stdin is refused at once', async () => {
  const { dir, out } = await project('devices');
  await symlink('/dev/zero', join(out, 'hero.20260101-000001.take.json'));
  await symlink('/dev/stdin', join(out, 'hero.20260101-000002.take.json'));
  const list = await answers(['takes', 'hero.kling.json'], dir);
  assert.equal(list.code, 0);
  assert.match(list.err, /take record .*000001\.take\.json resolves to \/dev\/zero, outside the root/);
  assert.match(list.err, /take record .*000002\.take\.json resolves to .*, outside the root/);
  const zero = await answers(['takes', 'select', 'renders/hero.20260101-000001.take.json'], dir);
  assert.equal(zero.code, 1);
  assert.match(zero.err, /resolves to \/dev\/zero, outside the root .*; nothing was circled/);
  const stdin = await answers(['takes', 'select', 'renders/hero.20260101-000002.take.json'], dir);
  assert.equal(stdin.code, 1);
  assert.match(stdin.err, /nothing was circled/);
});

describe('outside the project', () => {
  test('a symlinked take record is not read and is named', async () => {
    const { dir, shot, out } = await project('linked-record');
    const other = await project('linked-record-other');
    const elsewhere = join(other.out, 'hero.20260102-090000.take.json');
    await writeTakeRecord(elsewhere, record(shot));
    await symlink(elsewhere, join(out, 'hero.20260102-090000.take.json'));
    const list = await answers(['takes', 'hero.kling.json'], dir);
    assert.match(list.err, new RegExp(`resolves to ${elsewhere}, outside the root ${dir}; it was not read`));
    assert.match(list.out, /no takes of hero\.kling\.json/);
    const select = await answers(['takes', 'select', 'renders/hero.20260102-090000.take.json'], dir);
    assert.equal(select.code, 1);
    assert.match(select.err, /outside the root .*; nothing was circled/);
    // --root widens it deliberately.
    const wide = await answers(['takes', 'hero.kling.json', '--root', dir, '--root', other.dir], dir);
    assert.match(wide.out, /hero\.20260102-090000\.take\.json {2}done/);
  });

  test('a symlinked output folder: not listed, not generated into, refused in a sequence', async () => {
    const { dir, shot, out } = await project('linked-out');
    const elsewhere = join(base, 'elsewhere-renders');
    await mkdir(elsewhere);
    await writeTakeRecord(join(elsewhere, 'hero.20260103-090000.take.json'), record(shot));
    await rm(out, { recursive: true });
    await symlink(elsewhere, out);
    const refused = new RegExp(`output folder ${out} resolves to ${elsewhere}, outside the root ${dir}; it was not read`);
    const list = await answers(['takes', 'hero.kling.json'], dir);
    assert.match(list.err, refused);
    const generate = await answers(['generate', '--simulator', 'hero.kling.json'], dir);
    assert.equal(generate.code, 1);
    assert.match(generate.err, refused);
    assert.match(generate.err, /nothing uploaded or submitted/);
    const validate = await answers(['validate', 'cut.kling-seq.json'], dir);
    assert.equal(validate.code, 1);
    assert.match(validate.out, /kling\.sequence-not-read output folder/);
  });

  test('sequence entries: ../ and absolute paths to another folder, and a pinned take outside', async () => {
    const { dir } = await project('seq-outside');
    const other = await project('seq-outside-other');
    const pinned = join(other.out, 'hero.20260104-090000.take.json');
    await writeTakeRecord(pinned, record(other.shot));
    await writeFile(
      join(dir, 'out.kling-seq.json'),
      JSON.stringify({
        shots: ['../seq-outside-other/hero.kling.json', other.shot, { shot: 'hero.kling.json', take: pinned }],
      }),
    );
    const validate = await answers(['validate', 'out.kling-seq.json'], dir);
    assert.equal(validate.code, 1);
    const notRead = validate.out.split('\n').filter(l => l.includes('kling.sequence-not-read'));
    assert.equal(notRead.length, 3, validate.out);
    assert.match(
      notRead[0]!,
      new RegExp(`shot file \\.\\./seq-outside-other/hero\\.kling\\.json resolves to ${other.shot}, outside the root ${dir}`),
    );
    assert.match(notRead[1]!, new RegExp(`shot file ${other.shot} resolves to ${other.shot}, outside the root ${dir}`));
    assert.match(notRead[2]!, new RegExp(`take record ${pinned} resolves to ${pinned}, outside the root ${dir}`));
    const assemble = await answers(['assemble', 'out.kling-seq.json', '--out', 'cut.mp4'], dir);
    assert.equal(assemble.code, 1);
    assert.match(assemble.err, /outside the root/);
  });
});

describe('messages', () => {
  test('a 10 MB sequence is "larger than 5 MB", not "Not a shot file"', async () => {
    const { dir } = await project('big-seq');
    const h = await open(join(dir, 'big.kling-seq.json'), 'w');
    await h.truncate(10 * 1024 * 1024);
    await h.close();
    const v = await answers(['validate', 'big.kling-seq.json'], dir);
    assert.equal(v.code, 1);
    assert.match(v.out, /error kling\.too-large sequence file big\.kling-seq\.json is larger than 5 MB; it was not read\./);
    const a = await answers(['assemble', 'big.kling-seq.json', '--out', 'cut.mp4'], dir);
    assert.equal(a.code, 1);
    assert.match(a.err, /sequence file big\.kling-seq\.json is larger than 5 MB; it was not read\./);
  });

  test('a parse error is said in words, with line and column', async () => {
    const { dir, out } = await project('parse');
    await writeFile(join(dir, 'bad.kling-seq.json'), '{ "shots": [ "hero.kling.json" "x.kling.json" ] }');
    const v = await answers(['validate', 'bad.kling-seq.json'], dir);
    assert.match(v.out, /bad\.kling-seq\.json:1:\d+ error kling\.parse Comma expected: the sequence file must be JSON/);
    await writeFile(join(out, 'hero.20260105-090000.take.json'), '{\n  "version": 1\n  "id": "x"\n}\n');
    const s = await answers(['takes', 'select', 'renders/hero.20260105-090000.take.json'], dir);
    assert.equal(s.code, 1);
    assert.match(s.err, /is not JSON: Comma expected at line 3, column 3; nothing was circled/);
  });

  test('a missing media path is printed as written', async () => {
    const { dir } = await project('nul-media');
    await writeFile(
      join(dir, 'nul.kling.json'),
      JSON.stringify({ endpoint: 'fal-ai/kling-video/v3/pro/image-to-video', prompt: 'x', start_image_url: '\u0000/etc/passwd' }),
    );
    const v = await answers(['validate', 'nul.kling.json'], dir);
    assert.equal(v.code, 1);
    assert.match(v.out, /error kling\.media-missing File not found: \\u0000\/etc\/passwd \(looked for .*\/\\u0000\/etc\/passwd\)\./);
    assert.doesNotMatch(v.out, /\0/);
  });
});
