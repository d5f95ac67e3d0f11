import assert from 'node:assert/strict';
import { analyzeShot, type JsonPath, type Range, type ShotDiagnostic } from '../../../../src/core';

/** Range of the nth occurrence of `needle`, computed independently of the core's LineMap. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    assert.ok(idx >= 0, `needle ${JSON.stringify(needle)} #${nth} not in text`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { start: pos(idx), end: pos(idx + needle.length) };
}

export function codes(text: string): string[] {
  return analyzeShot(text).diagnostics.map(d => d.code);
}

/** Asserts exactly one diagnostic with `code`, at `path`, covering `needle` (nth occurrence). */
export function expectDiag(text: string, code: string, path: JsonPath, needle: string, nth = 0): ShotDiagnostic {
  const found = analyzeShot(text).diagnostics.filter(d => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(analyzeShot(text).diagnostics.map(d => [d.code, d.message]))}`);
  const d = found[0]!;
  assert.deepEqual(d.path, path);
  assert.deepEqual(d.range, rangeOf(text, needle, nth));
  assert.equal(text.slice(d.offset, d.offset + d.length), needle);
  assert.ok(d.message.length > 10);
  return d;
}

export function expectNo(text: string, code: string): void {
  const found = analyzeShot(text).diagnostics.filter(d => d.code === code);
  assert.deepEqual(
    found.map(d => d.message),
    [],
    `unexpected ${code}`,
  );
}

export function expectClean(text: string): void {
  assert.deepEqual(
    analyzeShot(text).diagnostics.map(d => `${d.code}: ${d.message}`),
    [],
  );
}
