import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShot, decodeShotBytes, MAX_DIAGNOSTICS } from '../../../src/core';

const decoded = (b: Uint8Array) => {
  const r = decodeShotBytes(b);
  return 'text' in r ? r.text : `${r.diagnostic.code}: ${r.diagnostic.message}`;
};

test('a UTF-8 BOM is accepted, by the decoder and by analyzeShot, with offsets kept', () => {
  const body = '{ "prompt": "a cat" }';
  assert.equal(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])), body);
  const a = analyzeShot(`\uFEFF{ "prompt": "a cat", "durationn": "5" }`);
  assert.deepEqual(
    a.diagnostics.map(d => [d.code, d.range.start.character]),
    [['kling.unknown-key', 22]],
  );
  assert.deepEqual(a.body, { prompt: 'a cat', durationn: '5' });
});

test('UTF-16, UTF-32 and non-UTF-8 files get one error that names the encoding', () => {
  const body = '{ "prompt": "a cat walking on a roof at night" }';
  const le = Buffer.from(body, 'utf16le');
  const be = Buffer.from(le).swap16();
  const cases: [Uint8Array, RegExp][] = [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), /UTF-16 LE, not UTF-8/],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), /UTF-16 BE, not UTF-8/],
    [le, /UTF-16 LE \(without a byte order mark\)/],
    [be, /UTF-16 BE \(without a byte order mark\)/],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), /UTF-32 LE/],
    [Buffer.from('{ "prompt": "caf\xe9 cr\xe8me" }', 'latin1'), /not valid UTF-8 \(perhaps Latin-1/],
  ];
  for (const [bytes, re] of cases) {
    const r = decodeShotBytes(bytes);
    assert.ok('diagnostic' in r, String(re));
    assert.equal(r.diagnostic.code, 'kling.encoding');
    assert.equal(r.diagnostic.severity, 'error');
    assert.match(r.diagnostic.message, re);
    assert.match(r.diagnostic.message, /save it as UTF-8/);
  }
  // UTF-16 text that an editor decoded as UTF-8: NULs between the letters, one error.
  const a = analyzeShot(le.toString('latin1'));
  assert.deepEqual(
    a.diagnostics.map(d => d.code),
    ['kling.encoding'],
  );
});

test('a file over 5 MB is one error "not a shot file: N MB", and is not parsed', () => {
  const big = `{ ${Array.from({ length: 400_000 }, (_, i) => `"k${i}": 1`).join(', ')} }`;
  assert.ok(big.length > 5 * 1024 * 1024);
  const a = analyzeShot(big);
  assert.deepEqual(
    a.diagnostics.map(d => [d.code, d.severity]),
    [['kling.too-large', 'error']],
  );
  assert.match(a.diagnostics[0]!.message, /^Not a shot file: \d+\.\d MB\./);
  assert.equal(a.root, undefined);
  const r = decodeShotBytes(Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
  assert.ok('diagnostic' in r && r.diagnostic.message.startsWith('Not a shot file: 5.0 MB.'));
});

test('at most 200 diagnostics per file, plus one "and N more"', () => {
  const text = `{ "prompt": "a", ${Array.from({ length: 450 }, (_, i) => `"unknown_${i}": 1`).join(', ')} }`;
  const d = analyzeShot(text).diagnostics;
  assert.equal(d.length, MAX_DIAGNOSTICS + 1);
  const last = d[d.length - 1]!;
  assert.equal(last.code, 'kling.too-many');
  assert.match(last.message, /and 250 more problems \(0 errors\) not listed/);
  assert.ok(d.slice(0, -1).every(x => x.code === 'kling.unknown-key'));
  const few = `{ "prompt": "a", ${Array.from({ length: 199 }, (_, i) => `"unknown_${i}": 1`).join(', ')} }`;
  assert.equal(analyzeShot(few).diagnostics.length, 199);
});

test('a file that does not parse shows its parse errors only', () => {
  const text = '{\n  "prompt": "",\n  "duration": 5\n  "aspect_ratio": "4:3",\n  "bogus": 1\n}';
  const a = analyzeShot(text);
  assert.deepEqual(
    a.diagnostics.map(d => d.code),
    ['kling.parse'],
  );
  assert.equal(a.diagnostics[0]!.range.start.line, 3);
  // The parsed part is still there for the editor to show.
  assert.equal((a.root as Record<string, unknown>).prompt, '');
});
