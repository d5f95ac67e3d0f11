// GET …/requests/{id}/status/stream: one `data:` event per change (status, queue position, new log
// lines — each event carries only the logs since the previous one, which is why fal-js accumulates
// them), a comment line as keep-alive, and the server ends the stream after COMPLETED.
import type { ServerResponse } from 'node:http';
import type { SimJob, SimQueue } from './queue';

export interface StreamOptions {
  logs: boolean;
  keepAliveMs: number;
  cutAfterFirstEvent: boolean;
}

export function streamStatus(queue: SimQueue, job: SimJob, res: ServerResponse, opts: StreamOptions): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-fal-request-id': job.id,
  });
  res.flushHeaders();
  let sentLogs = 0;
  let last = '';
  let done = false;
  const send = () => {
    if (done) return;
    const logs = opts.logs ? job.logs.slice(sentLogs) : null;
    const payload = JSON.stringify(queue.statusBody(job, logs));
    if (payload === last) return;
    last = payload;
    sentLogs = job.logs.length;
    const completed = job.state === 'COMPLETED';
    if (opts.cutAfterFirstEvent) {
      done = true;
      cleanup();
      res.write(`data: ${payload}\n\n`, () => res.destroy());
      return;
    }
    res.write(`data: ${payload}\n\n`);
    if (completed) {
      done = true;
      cleanup();
      res.end();
    }
  };
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), opts.keepAliveMs);
  const cleanup = () => {
    clearInterval(keepAlive);
    job.listeners.delete(send);
  };
  job.listeners.add(send);
  res.on('close', () => {
    done = true;
    cleanup();
  });
  send();
}
