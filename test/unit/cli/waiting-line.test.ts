// A quiet take is not a silent one: while fal does not answer, `kling generate` says on stderr what
// the take waits for (the client reports it at least once a minute; a test asks for every 20 ms).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killed, kling, project, sim, until } from './helpers/kling-process';
import { killLeftoverRuns } from '../../kit/cli';

let base: string;
before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kling-waiting-')));
});
after(async () => {
  killLeftoverRuns();
  await rm(base, { recursive: true, force: true });
});

describe('a quiet take is not a silent one', () => {
  test('while fal does not answer, stderr says what the take waits for (non-TTY)', async () => {
    const s = await sim();
    s.faults.hangRoutes = ['status', 'stream'];
    const p = await project(base, 'quiet');
    try {
      const run = kling(['generate', p.shot, '--out', p.out], { cwd: p.dir, sim: s, env: { KLING_WAITING_REPORT_MS: '20' } });
      const lines = await until(
        'two waiting lines',
        () => {
          const w = run
            .err()
            .split('\n')
            .filter(l => l.includes('waiting for fal to finish request'));
          return w.length >= 2 ? w : undefined;
        },
        run,
      );
      for (const l of lines)
        assert.match(l, /^boat\.kling\.json: (queued|running), waiting for fal to finish request \S+ \(no status yet\), \d+ s so far$/);
      await killed(run);
    } finally {
      await s.close();
    }
  });
});
