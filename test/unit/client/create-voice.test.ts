// create-voice through the normal take path: the body validates and is priced per call, the
// simulator answers a voice id, and the take record ends done with that id and no clip.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { analyzeShot, estimateCost, type MediaRef } from '../../../src/core';
import { clipFindings } from '../../../src/core/media/clip-limits';
import { VOICE_SAMPLE } from '../../../src/core/registry/voice';
import { readTakeRecord, takePaths, writeTakeRecord } from '../../../src/takes';
import type { Simulator } from '../../../src/simulator';
import { clientFor, tempDir } from './helpers';
import { testSimulator } from '../../kit/simulator';

const ID = 'fal-ai/kling-video/create-voice';
let sim: Simulator;
let tmp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  sim = await testSimulator({ timing: { processingMs: 30, logEveryMs: 10 } });
  tmp = await tempDir();
});
after(async () => {
  await sim.close();
  await tmp.cleanup();
});

test('a create-voice shot file validates, infers and is priced per call', () => {
  const a = analyzeShot('{ "voice_url": "https://example.com/me.wav" }');
  assert.deepEqual(a.diagnostics, []);
  assert.equal(a.endpoint.id, ID);
  assert.equal(a.endpoint.tier, null);
  assert.deepEqual(
    a.mediaRefs.map(r => [r.role, r.kind]),
    [['voice_audio', 'audio']],
  );
  assert.equal(estimateCost(a.endpoint, a.body)?.usd, 0.007);
  assert.deepEqual(
    analyzeShot('{ "endpoint": "create-voice" }').diagnostics.map(d => d.code),
    ['kling.required'],
  );
});

test('a voice sample must be 5–30 s', () => {
  const ref: MediaRef = { path: ['voice_url'], value: 'me.wav', role: 'voice_audio', kind: 'audio', isLocal: true, limits: VOICE_SAMPLE };
  assert.deepEqual(
    clipFindings(ref, { kind: 'audio', duration: 3 }).map(f => f.code),
    ['kling.audio-duration'],
  );
  assert.deepEqual(
    clipFindings(ref, { kind: 'audio', duration: 31 }).map(f => f.code),
    ['kling.audio-duration'],
  );
  assert.deepEqual(clipFindings(ref, { kind: 'audio', duration: 12 }), []);
});

test('generate: the record is done with the voice id and no clip', async () => {
  const client = clientFor(sim);
  const { clipPath, recordPath } = takePaths(tmp.dir, 'voice.kling.json');
  const rec = await client.generate(
    { endpointId: ID, body: { voice_url: 'https://example.com/me.wav' }, outputPath: clipPath },
    { onRecord: r => writeTakeRecord(recordPath, r) },
  );
  await client.close();
  assert.equal(rec.status, 'done', JSON.stringify(rec.error));
  assert.match(rec.voiceId ?? '', /^\d{18}$/);
  assert.equal(rec.video, undefined);
  assert.equal(existsSync(clipPath), false);
  assert.deepEqual(await readTakeRecord(recordPath), rec);
});
