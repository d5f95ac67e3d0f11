import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { outputDirFor } from '../../../src/takes/store/output-folder';

const shot = path.resolve('/ws/shots/hero.kling.json');

test('the output folder defaults to renders/ beside the shot file; relative and absolute settings', () => {
  assert.equal(outputDirFor(shot, undefined), path.resolve('/ws/shots/renders'));
  assert.equal(outputDirFor(shot, '  '), path.resolve('/ws/shots/renders'));
  assert.equal(outputDirFor(shot, '../out'), path.resolve('/ws/out'));
  assert.equal(outputDirFor(shot, path.resolve('/clips')), path.resolve('/clips'));
});
