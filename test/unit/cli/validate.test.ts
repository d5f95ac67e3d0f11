// `kling validate` as a user runs it: a real process on real temp files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makePng } from '../core/helpers/media';
import { klingSync } from '../../kit/cli';

let dir: string;

function kling(args: string[], cwd = dir) {
  const r = klingSync(['validate', ...args], { cwd });
  return { code: r.code, stdout: r.out, stderr: r.err };
}

before(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kling-cli-')));
  await fs.mkdir(path.join(dir, 'shots', 'refs'), { recursive: true });
  await fs.writeFile(path.join(dir, 'shots', 'good.kling.json'), '{ "prompt": "a fox", "duration": "5" }\n');
  await fs.writeFile(path.join(dir, 'shots', 'bad.kling.json'), '{\n  "prompt": "a fox",\n  "duration": 5,\n  "aspect_ration": "1:1"\n}\n');
  await fs.writeFile(path.join(dir, 'shots', 'warn.kling.json'), '{ "prompt": "a", "foo": 1 }');
  await fs.writeFile(
    path.join(dir, 'shots', 'media.kling.json'),
    '{ "start_image_url": "./refs/start.png", "end_image_url": "./refs/missing.png", "prompt": "a" }',
  );
  await fs.writeFile(path.join(dir, 'shots', 'refs', 'start.png'), makePng(320, 320));
});
after(() => fs.rm(dir, { recursive: true, force: true }));

test('clean file: exit 0', () => {
  const r = kling(['shots/good.kling.json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 file checked: 0 errors, 0 warnings/);
});

test('text format: file:line:col severity code message, 1-based; exit 1 on errors', () => {
  const r = kling(['shots/bad.kling.json']);
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^shots\/bad\.kling\.json:3:15 error kling\.duration-type duration must be a string/);
  assert.match(lines[1]!, /^shots\/bad\.kling\.json:4:3 warning kling\.unknown-key .*Did you mean "aspect_ratio"\?/);
});

test('warnings only: exit 0', () => {
  assert.equal(kling(['shots/warn.kling.json']).code, 0);
});

test('json format: exact shape with zero-based positions', () => {
  const r = kling(['--format', 'json', 'shots/bad.kling.json']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out, [
    {
      file: 'shots/bad.kling.json',
      endpoint: 'fal-ai/kling-video/v3/pro/text-to-video',
      diagnostics: [
        {
          severity: 'error',
          code: 'kling.duration-type',
          message: out[0].diagnostics[0].message,
          path: ['duration'],
          range: { start: { line: 2, character: 14 }, end: { line: 2, character: 15 } },
        },
        {
          severity: 'warning',
          code: 'kling.unknown-key',
          message: out[0].diagnostics[1].message,
          path: ['aspect_ration'],
          range: { start: { line: 3, character: 2 }, end: { line: 3, character: 17 } },
        },
      ],
    },
  ]);
});

test('globs, directories and media checks relative to the shot file', () => {
  const r = kling(['--format=json', 'shots/*.kling.json']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; path: unknown[] }[] }[];
  assert.deepEqual(
    out.map(f => f.file),
    ['shots/bad.kling.json', 'shots/good.kling.json', 'shots/media.kling.json', 'shots/warn.kling.json'],
  );
  const media = out.find(f => f.file.endsWith('media.kling.json'))!;
  assert.deepEqual(
    media.diagnostics.map(d => [d.code, d.path]),
    [['kling.media-missing', ['end_image_url']]],
  );
  const all = JSON.parse(kling(['--format', 'json', '.']).stdout);
  assert.equal(all.length, 4);
  const quoted = JSON.parse(kling(['--format', 'json', '**/good.kling.json']).stdout);
  assert.deepEqual(
    quoted.map((f: { file: string }) => f.file),
    ['shots/good.kling.json'],
  );
});

test('--root bounds local media; --no-media skips them', () => {
  const r = kling(['--format', 'json', '--root', 'elsewhere', 'shots/media.kling.json']);
  const codes = JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code);
  assert.deepEqual(codes, ['kling.media-outside-workspace', 'kling.media-missing']);
  assert.equal(kling(['--no-media', 'shots/media.kling.json']).code, 0);
});

test('usage errors exit 2', () => {
  assert.equal(kling([]).code, 2);
  assert.equal(kling(['--format', 'xml', 'shots/good.kling.json']).code, 2);
  assert.equal(kling(['--bogus', 'shots/good.kling.json']).code, 2);
  const missing = kling(['shots/none.kling.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  assert.equal(kling(['nothing/*.kling.json']).code, 2);
  assert.equal(kling(['--help']).code, 0);
});
