// A job held by the queue delay must always start once the delay is over, however the timers fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantTiming, startSimulator } from '../../../src/simulator';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const AUTH = { authorization: 'Key k', 'content-type': 'application/json' };

async function submit(url: string): Promise<{ status_url: string }> {
  const r = await fetch(`${url}/${T2V}`, { method: 'POST', headers: AUTH, body: JSON.stringify({ prompt: 'p', duration: '3' }) });
  assert.equal(r.status, 200);
  return r.json() as Promise<{ status_url: string }>;
}

async function waitCompleted(statusUrl: string, deadlineMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < deadlineMs) {
    const s = (await (await fetch(statusUrl, { headers: AUTH })).json()) as { status: string };
    if (s.status === 'COMPLETED') {
      return true;
    }
    await new Promise(r => setTimeout(r, 20));
  }
  return false;
}

test('a queued job starts after its delay even when the delay grows while it waits', async () => {
  const sim = await startSimulator({ timing: { ...instantTiming(), queueDelayMs: 50 } });
  try {
    // Warm up (the first submit initialises the encoder, which would outlast the delay).
    assert.equal(await waitCompleted((await submit(sim.url)).status_url, 5000), true);
    const job = await submit(sim.url);
    // The first wake-up finds the (new, longer) delay not yet over: the queue must re-arm itself.
    sim.timing.queueDelayMs = 150;
    assert.equal(await waitCompleted(job.status_url, 3000), true, 'the job never left the queue');
  } finally {
    await sim.close();
  }
});

test('30 jobs with a 100 ms queue delay all complete', async () => {
  const sim = await startSimulator({ timing: { ...instantTiming(), queueDelayMs: 100, runners: 4 } });
  try {
    const jobs = await Promise.all(Array.from({ length: 30 }, () => submit(sim.url)));
    const done = await Promise.all(jobs.map(j => waitCompleted(j.status_url, 10000)));
    assert.equal(done.filter(Boolean).length, 30);
  } finally {
    await sim.close();
  }
});
