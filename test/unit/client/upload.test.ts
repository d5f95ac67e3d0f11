import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Simulator } from '../../../src/simulator';
import { clientFor, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';
import { mediaOpener } from '../../../src/takes';

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  sim = await testSimulator();
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('upload', () => {
  test('single PUT: file_url serves the same bytes with the content type from the file; cached by sha256', async () => {
    const file = join(tmp.dir, 'hero.png');
    const data = Buffer.from('not really a png '.repeat(500));
    await writeFile(file, data);
    const client = clientFor(sim, { uploadCacheFile: join(tmp.dir, 'cache.json') });
    const url = await client.upload(file, { open: mediaOpener([dirname(file)]) });
    assert.ok(url.startsWith(sim.cdnUrl));
    const stored = sim.storedFile(url)!;
    assert.equal(stored.sha256, sha(data));
    assert.equal(stored.contentType, 'image/png');
    assert.equal(stored.fileName, 'hero.png');
    const before = sim.stats.storage.initiates;
    assert.equal(await client.upload(file, { open: mediaOpener([dirname(file)]) }), url);
    assert.equal(sim.stats.storage.initiates, before, 'second upload of unchanged content must be skipped');
    await client.close();
    // The cache file survives the client.
    const again = clientFor(sim, { uploadCacheFile: join(tmp.dir, 'cache.json') });
    assert.equal(await again.upload(file, { open: mediaOpener([dirname(file)]) }), url);
    assert.equal(sim.stats.storage.initiates, before);
    await again.close();
  });

  test('cache entries expire after the TTL', async () => {
    const file = join(tmp.dir, 'ttl.jpg');
    await writeFile(file, Buffer.from('jpeg-ish'));
    let now = 1_000_000;
    const client = clientFor(sim, { now: () => now, uploadCacheTtlMs: 1000 });
    const a = await client.upload(file, { open: mediaOpener([dirname(file)]) });
    now += 500;
    assert.equal(await client.upload(file, { open: mediaOpener([dirname(file)]) }), a);
    now += 1000;
    assert.notEqual(await client.upload(file, { open: mediaOpener([dirname(file)]) }), a);
    await client.close();
  });

  test('multipart above the threshold (small sizes), parts reassembled in order', async () => {
    const file = join(tmp.dir, 'ref.mp4');
    const data = Buffer.alloc(1_100_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 10)) & 0xff;
    await writeFile(file, data);
    const client = clientFor(sim, { multipartThresholdBytes: 1_000_000, multipartPartBytes: 256 * 1024 });
    const parts0 = sim.stats.storage.partPuts;
    const url = await client.upload(file, { open: mediaOpener([dirname(file)]) });
    await client.close();
    assert.equal(sim.stats.storage.partPuts - parts0, 5);
    assert.equal(sim.storedFile(url)?.sha256, sha(data));
    assert.equal(sim.storedFile(url)?.contentType, 'video/mp4');
  });

  test('multipart with the real defaults (> 90 MB, 10 MB parts)', async () => {
    const file = join(tmp.dir, 'big.mp4');
    const data = Buffer.alloc(91 * 1024 * 1024 + 5, 3);
    await writeFile(file, data);
    const client = clientFor(sim);
    const parts0 = sim.stats.storage.partPuts;
    const url = await client.upload(file, { open: mediaOpener([dirname(file)]) });
    await client.close();
    assert.equal(sim.stats.storage.partPuts - parts0, 10);
    assert.equal(sim.storedFile(url)?.size, data.length);
    assert.equal(sim.storedFile(url)?.sha256, sha(data));
  });

  test('generate uploads localMedia and substitutes the URL into the body it sends', async () => {
    const img = join(tmp.dir, 'start.png');
    await writeFile(img, Buffer.from('start frame'));
    const client = clientFor(sim);
    const rec = await client.generate(
      {
        endpointId: 'fal-ai/kling-video/v3/pro/image-to-video',
        body: { prompt: 'go', start_image_url: './start.png', duration: '3' },
        localMedia: [{ path: ['start_image_url'], file: img }],
        openMedia: mediaOpener([dirname(img)]),
        outputPath: join(tmp.dir, 'i2v.mp4'),
      },
      { onRecord: () => {} },
    );
    await client.close();
    assert.equal(rec.status, 'done', JSON.stringify(rec.error));
    const sent = sim.job(rec.requestId!)!.body as Record<string, unknown>;
    assert.equal(sent.start_image_url, rec.body.start_image_url);
    assert.equal(sim.storedFile(String(sent.start_image_url))?.sha256, sha(Buffer.from('start frame')));
  });
});
