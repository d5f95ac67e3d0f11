import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestFirst } from '../../../src/takes';

test('newestFirst: by creation time, then by file name for takes of the same second', () => {
  const t = (path: string, createdAt: string) => ({ path, record: { createdAt } }) as Parameters<typeof newestFirst>[0];
  const sorted = [t('a-1', '2026-01-01T00:00:00Z'), t('b-2', '2026-01-02T00:00:00Z'), t('b-1', '2026-01-02T00:00:00Z')].sort(newestFirst);
  assert.deepEqual(
    sorted.map(x => x.path),
    ['b-2', 'b-1', 'a-1'],
  );
});
