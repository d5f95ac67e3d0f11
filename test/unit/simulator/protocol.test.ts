// The simulator's wire protocol (fal's queue API: submit, status, result, cancel), checked with plain fetch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteSimulator } from '../../kit/simulator';
import { StopWaiting, waitFor } from '../../kit/wait-for';

const T2V = 'fal-ai/kling-video/v3/pro/text-to-video';
const AUTH = { authorization: 'Key k', 'content-type': 'application/json' };
const sim = suiteSimulator({ before, after }, { timing: { runners: 1, processingMs: 300, logEveryMs: 100, keepAliveMs: 50 } });

async function submit(body: unknown = { prompt: 'p', duration: '3' }) {
  const r = await fetch(`${sim().url}/${T2V}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body) });
  assert.equal(r.status, 200);
  return r.json() as Promise<{
    request_id: string;
    status_url: string;
    response_url: string;
    cancel_url: string;
    queue_position: number;
    status: string;
  }>;
}
const get = (u: string) => fetch(u, { headers: AUTH });

const stateOf = (requestId: string) => sim().job(requestId)?.state;
/** Jobs submitted while this is set stay IN_PROGRESS until cancelled. */
const HELD_MS = 3_600_000;

describe('simulator protocol', () => {
  test('submit → 202 while queued/running with queue_position, 200 when completed, result, logs', async () => {
    // `held` occupies the only runner until it is cancelled, so `a` is queued for as long as needed.
    sim().timing.processingMs = HELD_MS;
    const held = await submit();
    sim().timing.processingMs = 300;
    const a = await submit();
    assert.equal(a.status, 'IN_QUEUE');
    assert.equal(a.status_url, `${sim().url}/fal-ai/kling-video/requests/${a.request_id}/status`);
    await waitFor('the first job running', () => stateOf(held.request_id) === 'IN_PROGRESS');
    const sq = await get(`${a.status_url}?logs=1`);
    assert.equal(sq.status, 202);
    const sqj = (await sq.json()) as { status: string; queue_position: number };
    assert.equal(sqj.status, 'IN_QUEUE');
    assert.equal(sqj.queue_position, 0);
    const sh = await get(held.status_url);
    assert.equal(sh.status, 202);
    assert.equal(((await sh.json()) as { status: string }).status, 'IN_PROGRESS');
    // The full endpoint path is not a status URL: fal answers 404 there.
    assert.equal((await get(`${sim().url}/${T2V}/requests/${a.request_id}/status`)).status, 404);
    await (await fetch(held.cancel_url, { method: 'PUT', headers: AUTH })).body?.cancel();
    const done = await waitFor('the queued job to complete', async () => {
      const s = await get(`${a.status_url}?logs=1`);
      const j = (await s.json()) as { status: string; logs: unknown[] };
      if (j.status !== 'COMPLETED' && s.status !== 202) {
        throw new StopWaiting(`a job not completed answers 202, not ${s.status}`);
      }
      return j.status === 'COMPLETED' ? { code: s.status, logs: j.logs } : undefined;
    });
    assert.equal(done.code, 200);
    assert.ok(done.logs.length >= 2);
    const res = await get(a.response_url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-fal-request-id'), a.request_id);
    const out = (await res.json()) as { video: { url: string; content_type: string; file_name: string; file_size: number } };
    assert.equal(out.video.content_type, 'video/mp4');
    assert.ok(out.video.url.startsWith(sim().cdnUrl));
    // Range support on the CDN.
    const part = await fetch(out.video.url, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-19/${out.video.file_size}`);
    assert.equal((await part.arrayBuffer()).byteLength, 10);
    assert.equal((await fetch(out.video.url, { headers: { range: `bytes=${out.video.file_size}-` } })).status, 416);
  });

  test('SSE stream: data events, keep-alive comments, closes after COMPLETED', async () => {
    // The job runs until cancelled, and is cancelled once a keep-alive came: no race with its end.
    sim().timing.processingMs = HELD_MS;
    const a = await submit();
    sim().timing.processingMs = 300;
    const r = await fetch(`${a.status_url}/stream?logs=1`, { headers: AUTH });
    assert.equal(r.headers.get('content-type'), 'text/event-stream');
    let text = '';
    let cancelled = false;
    const decoder = new TextDecoder();
    for await (const chunk of r.body!) {
      text += decoder.decode(chunk, { stream: true });
      if (!cancelled && /(^|\n\n): /.test(text)) {
        cancelled = true;
        await (await fetch(a.cancel_url, { method: 'PUT', headers: AUTH })).body?.cancel();
      }
    }
    const events = text.split('\n\n').filter(Boolean);
    assert.ok(
      events.some(e => e.startsWith(': ')),
      'keep-alive comment',
    );
    const data = events.filter(e => e.startsWith('data: ')).map(e => JSON.parse(e.slice(6)) as { status: string });
    assert.equal(data.at(-1)?.status, 'COMPLETED');
    assert.ok(data.some(d => d.status === 'IN_PROGRESS'));
  });

  test('401 without a key; 422 detail[] from the result of a body that breaks the schema', async () => {
    const r = await fetch(`${sim().url}/${T2V}`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 401);
    const a = await submit({ duration: '99' });
    await waitFor(
      'the job to complete',
      async () => ((await (await get(a.status_url)).json()) as { status: string }).status === 'COMPLETED',
    );
    const res = await get(a.response_url);
    assert.equal(res.status, 422);
    const body = (await res.json()) as { detail: { loc: unknown[]; msg: string; type: string }[] };
    assert.ok(body.detail.length >= 1);
    assert.ok(body.detail.every(d => d.loc[0] === 'body' && typeof d.msg === 'string' && typeof d.type === 'string'));
  });

  test('cancel outcomes: queued OK, in progress CANCELLATION_REQUESTED, completed ALREADY_COMPLETED, unknown NOT_FOUND', async () => {
    sim().timing.processingMs = HELD_MS;
    const running = await submit();
    const queued = await submit();
    sim().timing.processingMs = 300;
    await waitFor('the first job running', () => stateOf(running.request_id) === 'IN_PROGRESS');
    const put = (u: string) => fetch(u, { method: 'PUT', headers: AUTH });
    const q = await put(queued.cancel_url);
    assert.deepEqual([q.status, await q.json()], [200, { status: 'OK' }]);
    const p = await put(running.cancel_url);
    assert.deepEqual([p.status, await p.json()], [202, { status: 'CANCELLATION_REQUESTED' }]);
    await waitFor('the cancelled runner stopped', () => stateOf(running.request_id) === 'COMPLETED');
    const c = await put(running.cancel_url);
    assert.deepEqual([c.status, await c.json()], [400, { status: 'ALREADY_COMPLETED' }]);
    const n = await put(`${sim().url}/fal-ai/kling-video/requests/nope/cancel`);
    assert.deepEqual([n.status, await n.json()], [404, { status: 'NOT_FOUND' }]);
  });

  test('retention: the result is served inside the window and gone after it', async () => {
    const retentionMs = 3_600_000;
    sim().timing.retentionMs = retentionMs;
    sim().timing.processingMs = 0;
    const a = await submit();
    await waitFor('the job completed', () => stateOf(a.request_id) === 'COMPLETED');
    assert.equal((await get(a.response_url)).status, 200);
    const job = sim().job(a.request_id)!;
    assert.equal(job.resultExpiresAt, job.completedAt! + retentionMs, 'the window starts at completion');
    // The window passes: the job's expiry moves into the past, as an hour would move the clock.
    job.resultExpiresAt = job.completedAt! - 1;
    assert.equal((await get(a.response_url)).status, 404);
  });
});
