import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { outputDirFor, uniqueTakePaths } from '../../../src/extension/generation/output-folder';

const shot = path.resolve('/ws/shots/hero.kling.json');

test('the output folder defaults to renders/ beside the shot file; relative and absolute settings', () => {
  assert.equal(outputDirFor(shot, undefined), path.resolve('/ws/shots/renders'));
  assert.equal(outputDirFor(shot, '  '), path.resolve('/ws/shots/renders'));
  assert.equal(outputDirFor(shot, '../out'), path.resolve('/ws/out'));
  assert.equal(outputDirFor(shot, path.resolve('/clips')), path.resolve('/clips'));
});

test('take paths never reuse an existing record or clip (same-second takes get a suffix)', () => {
  const when = new Date('2026-03-14T09:15:02.123Z');
  const taken = new Set<string>();
  const exists = (p: string) => taken.has(p);
  const a = uniqueTakePaths('/out', shot, when, exists);
  assert.equal(a.clipPath, path.join('/out', 'hero.20260314-091502.mp4'));
  assert.equal(a.recordPath, path.join('/out', 'hero.20260314-091502.take.json'));
  taken.add(a.recordPath);
  const b = uniqueTakePaths('/out', shot, when, exists);
  assert.equal(b.recordPath, path.join('/out', 'hero.20260314-091502-2.take.json'));
  taken.add(b.clipPath);
  assert.equal(uniqueTakePaths('/out', shot, when, exists).stamp, '20260314-091502-3');
});

test('a take whose lock exists but whose record is not written yet is not reused', () => {
  const when = new Date('2026-03-14T09:15:02.123Z');
  const taken = new Set<string>([path.join('/out', 'hero.20260314-091502.take.json.lock')]);
  const p = uniqueTakePaths('/out', shot, when, f => taken.has(f));
  assert.equal(p.stamp, '20260314-091502-2');
  assert.equal(p.recordPath, path.join('/out', 'hero.20260314-091502-2.take.json'));
});
