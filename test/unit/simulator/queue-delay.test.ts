// A job held by the queue delay must always start once the delay is over, however the timers fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSimulator } from '../../kit/simulator';
import { waitFor } from '../../kit/wait-for';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const AUTH = { authorization: 'Key k', 'content-type': 'application/json' };

async function submit(url: string): Promise<{ request_id: string; status_url: string }> {
  const r = await fetch(`${url}/${T2V}`, { method: 'POST', headers: AUTH, body: JSON.stringify({ prompt: 'p', duration: '3' }) });
  assert.equal(r.status, 200);
  return r.json() as Promise<{ request_id: string; status_url: string }>;
}

/** Waits until the status URL says COMPLETED: a job that never leaves the queue fails on the timeout. */
const completed = (statusUrl: string) =>
  waitFor(
    `${statusUrl} to say COMPLETED`,
    async () => ((await (await fetch(statusUrl, { headers: AUTH })).json()) as { status: string }).status === 'COMPLETED',
  );

test('a queued job starts after its delay even when the delay grows while it waits', () =>
  withSimulator({}, async sim => {
    // Warm up (the first submit initialises the encoder, which would outlast the delay).
    await completed((await submit(sim.url)).status_url);
    // The delay grows while the job is still queued, so the first wake-up finds it not yet over and
    // the queue must re-arm itself. A loaded machine may start the job before the change: then the
    // case was not played, and it is tried again.
    const job = await waitFor('a job still queued when its delay grew', async () => {
      sim.timing.queueDelayMs = 50;
      const j = await submit(sim.url);
      sim.timing.queueDelayMs = 300;
      return sim.job(j.request_id)?.state === 'IN_QUEUE' ? j : undefined;
    });
    await completed(job.status_url);
  }));

test('30 jobs with a 100 ms queue delay all complete', () =>
  withSimulator({ timing: { queueDelayMs: 100, runners: 4 } }, async sim => {
    const jobs = await Promise.all(Array.from({ length: 30 }, () => submit(sim.url)));
    await Promise.all(jobs.map(j => completed(j.status_url)));
    assert.equal(jobs.filter(j => sim.job(j.request_id)?.state === 'COMPLETED').length, 30);
  }));
