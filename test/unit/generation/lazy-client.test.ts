// The extension's FalClient stand-in that loads the network client on first use: every call must
// reach a real client, and the client must be created once, with the options it was given.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createLazyFalClient } from '../../../src/extension/lazy-bundles';
import type { Simulator } from '../../../src/simulator';
import { FAST_RETRY, FAST_WATCH, tempDir } from '../client/helpers';
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

test('a lazy client uploads, generates and cancels through one real client built from its options', async () => {
  let keyAsked = 0;
  const client = createLazyFalClient({
    queueUrl: sim.url,
    storageUrl: sim.url,
    credentials: () => {
      keyAsked++;
      return 'lazy-client-key';
    },
    retry: FAST_RETRY,
    watch: FAST_WATCH,
  });
  const file = join(tmp.dir, 'ref.png');
  await writeFile(file, Buffer.from('lazy '.repeat(100)));
  const url = await client.upload(file, { open: mediaOpener([dirname(file)]) });
  assert.ok(sim.storedFile(url), 'the upload reached the simulator');
  // Same content again: the in-memory upload cache of the one client answers (a second client would upload).
  const initiates = sim.stats.storage.initiates;
  assert.equal(await client.upload(file, { open: mediaOpener([dirname(file)]) }), url);
  assert.equal(sim.stats.storage.initiates, initiates);

  const rec = await client.generate(
    {
      endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
      body: { prompt: 'lazy', duration: '3' },
      outputPath: join(tmp.dir, 'lazy.mp4'),
    },
    { onRecord: () => {} },
  );
  assert.equal(rec.status, 'done');
  assert.equal(rec.sha256, sim.clipSha256(rec.requestId!));
  assert.ok(keyAsked > 0, 'the credentials given were used');
  assert.equal(await client.cancel(rec), 'too-late');
  await client.close();
});
