// The simulator leaves closing idle connections to its clients: a server that drops one as a
// client reuses it turns a submit into ECONNRESET, a take whose fate is unknown.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { test } from 'node:test';
import { withSimulator } from '../../kit/simulator';

const keepAliveOf = (url: string) =>
  new Promise<string | undefined>((resolve, reject) => {
    get(url, { agent: false, headers: { connection: 'keep-alive' } }, res => {
      res.resume();
      resolve(res.headers['keep-alive']?.toString());
    }).on('error', reject);
  });

test('the API and the CDN keep idle connections for 120 s, far past a client’s own keep-alive', () =>
  withSimulator({}, async sim => {
    assert.equal(await keepAliveOf(`${sim.url}/fal-ai/kling-video/requests/none/status`), 'timeout=120');
    assert.equal(await keepAliveOf(`${sim.cdnUrl}/missing`), 'timeout=120');
  }));
