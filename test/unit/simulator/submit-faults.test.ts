// The simulator's submit faults: held submits, a client that goes away while held, and a cut after
// the reply — what the "client dies right after submitting" tests are built on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { withSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const ENDPOINT = 'fal-ai/kling-video/v3/pro/text-to-video';

function submit(url: string): { reply: Promise<{ status: number; body: string } | Error>; abort: () => void } {
  const u = new URL(`${url}/${ENDPOINT}`);
  const req = request(u, { method: 'POST', headers: { authorization: 'Key k', 'content-type': 'application/json' } });
  const reply = new Promise<{ status: number; body: string } | Error>(resolve => {
    req.on('response', res => {
      let body = '';
      res.on('data', d => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
  });
  req.end(JSON.stringify({ prompt: 'x' }));
  return { reply, abort: () => req.destroy() };
}

test('a submit held before its job exists creates nothing when its client goes away', async () => {
  await withSimulator({}, async sim => {
    sim.submitFaults.hold = 'before-create';
    const s = submit(sim.url);
    await waitFor('the submit held', () => sim.submitFaults.held === 1);
    s.abort();
    await s.reply;
    await waitFor('the held submit abandoned', () => sim.submitFaults.abandoned === 1);
    assert.equal(sim.submitFaults.held, 0);
    sim.submitFaults.release();
    const after = await submit(sim.url).reply;
    assert.ok(!(after instanceof Error) && after.status === 200);
    assert.equal(sim.stats.submits, 1, 'only the later submit made a job');
    assert.equal(sim.jobs.size, 1);
  });
});

test('a submit held after its job exists: the job is paid, the reply comes only on release', async () => {
  await withSimulator({}, async sim => {
    sim.submitFaults.hold = 'after-create';
    const s = submit(sim.url);
    await waitFor('the submit held', () => sim.submitFaults.held === 1);
    assert.equal(sim.stats.submits, 1);
    assert.equal(sim.jobs.size, 1);
    sim.submitFaults.release();
    const r = await s.reply;
    assert.ok(!(r instanceof Error));
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).request_id, [...sim.jobs.keys()][0]);
  });
});

test('after the reply: onReplied names the request and the connection can be cut', async () => {
  await withSimulator({}, async sim => {
    const replied: string[] = [];
    sim.submitFaults.onReplied = id => replied.push(id);
    sim.submitFaults.afterReply = 'destroy';
    const r = await submit(sim.url).reply;
    assert.ok(!(r instanceof Error), 'the whole reply arrived before the cut');
    await waitFor('onReplied called', () => replied.length === 1);
    assert.equal(JSON.parse(r.body).request_id, replied[0]);
  });
});
