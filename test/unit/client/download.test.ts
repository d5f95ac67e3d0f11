// A big download cut mid-body again and again is resumed (Range) and lands the exact bytes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../../src/simulator';
import { clientFor, mp4Bytes, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let data: Buffer;
let sha: string;
before(async () => {
  data = await mp4Bytes(20 * 1024 * 1024 + 17);
  sha = createHash('sha256').update(data).digest('hex');
  let url = '';
  sim = await testSimulator({
    outcome: () => ({ status: 200, headers: {}, body: { video: { url, content_type: 'video/mp4', file_size: data.length } } }),
  });
  url = sim.addBuffer(data, { fileName: 'big.mp4', contentType: 'video/mp4' }).url;
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

test('a 20 MB clip, cut mid-body again and again, lands with the right sha256', async () => {
  sim.faults.truncateRate = 1; // every response is cut at half of what it sends: ~24 resumed Range requests
  const client = clientFor(sim);
  const rec = await client.generate(
    { endpointId: 'fal-ai/kling-video/v3/pro/text-to-video', body: { prompt: 'big' }, outputPath: join(tmp.dir, 'big.mp4') },
    { onRecord: () => {} },
  );
  await client.close();
  sim.faults.truncateRate = 0;
  assert.equal(rec.status, 'done', JSON.stringify(rec.error));
  assert.equal(rec.sha256, sha);
  assert.ok(sim.stats.storage.truncated > 0, JSON.stringify(sim.stats));
  assert.equal(
    createHash('sha256')
      .update(await readFile(join(tmp.dir, 'big.mp4')))
      .digest('hex'),
    sha,
  );
  assert.deepEqual(
    (await readdir(tmp.dir)).filter(n => n.endsWith('.part')),
    [],
  );
});
