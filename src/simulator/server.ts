// Two loopback HTTP servers: the API origin (queue + storage initiate, like queue.fal.run and
// rest.fal.ai) and a CDN origin (upload targets and file serving, like *.fal.media). Keeping the
// CDN on its own origin is what lets tests prove a client never sends its key there.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultDice, type FaultConfig, type Route } from './faults';
import { readBody, sendJson } from './http-util';
import type { PlatformStats, SimPlatform } from './platform';
import type { SimQueue } from './queue';
import { streamStatus } from './sse';
import type { SubmitFaultControl } from './submit-faults';
import type { SimStorage } from './storage';
import { errorText } from '../core/error-text';

export interface SimStats extends PlatformStats {
  submits: number;
  submitAttempts: number;
  cancels: number;
  statusCalls: number;
  streamCalls: number;
  resultCalls: number;
  unauthorized: number;
  dropped: number;
  injectedErrors: number;
  cutStreams: number;
  cdnRequests: number;
  authOnCdn: number;
  /** `302`s sent by the redirecting CDN (fault `fileRedirects`), on either origin, and `307`s of `redirectRoutes`. */
  redirects: number;
  /** Requests to a redirect hop that carried Authorization (must stay 0). */
  authOnRedirects: number;
  /** Requests left unanswered (fault `hangRoutes`). */
  hung: number;
}

export interface ServerDeps {
  queue: SimQueue;
  storage: SimStorage;
  faults: FaultConfig;
  dice: FaultDice;
  stats: SimStats;
  knownEndpoints: ReadonlySet<string>;
  acceptKey: (key: string) => boolean;
  /** Injected submit errors model a rejection (no job made), which fal signals with these. */
  submitErrorStatuses: number[];
  submitFaults: SubmitFaultControl;
  /** fal's Platform API routes (`/v1/models…`). */
  platform: SimPlatform;
}

const REQ_RE = /^\/(.+)\/requests\/([^/]+)(\/status|\/status\/stream|\/cancel)?$/;

function routeOf(method: string, path: string): Route | undefined {
  if (path.startsWith('/storage/upload/initiate')) return method === 'POST' ? 'initiate' : undefined;
  const m = REQ_RE.exec(path);
  if (m) {
    if (m[3] === '/status' && method === 'GET') return 'status';
    if (m[3] === '/status/stream' && method === 'GET') return 'stream';
    if (m[3] === '/cancel' && method === 'PUT') return 'cancel';
    if (m[3] === undefined && method === 'GET') return 'result';
    return undefined;
  }
  return method === 'POST' ? 'submit' : undefined;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function createApiServer(d: ServerDeps): Server {
  return longLived(
    createServer((req, res) => {
      handleApi(d, req, res).catch(e => fail(res, e));
    }),
  );
}

export function createCdnServer(d: ServerDeps): Server {
  return longLived(
    createServer((req, res) => {
      handleCdn(d, req, res).catch(e => fail(res, e));
    }),
  );
}

/**
 * Idle connections are closed by the client, never by us. With node's 5 s default a client reusing
 * a connection just as the server drops it gets ECONNRESET, and an encode blocks this event loop
 * for long enough (often in the same process as its client, in VS Code and in tests) to land on
 * that boundary. A reset submit is a take whose fate is unknown, so the simulator keeps idle
 * connections far longer than a client does (undici: 4 s unless told longer).
 */
function longLived(server: Server): Server {
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return server;
}

function fail(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, 500, { detail: `Simulator error: ${errorText(e)}` });
}

function drop(d: ServerDeps, req: IncomingMessage, res: ServerResponse): void {
  d.stats.dropped++;
  req.socket.destroy();
  res.destroy();
}

async function handleApi(d: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/hop/')) {
    redirectHop(d, d.storage.cdnUrl, url, req, res);
    return;
  }
  if (url.pathname === '/v1/models' || url.pathname.startsWith('/v1/models/')) {
    await readBody(req).catch(() => undefined);
    d.platform.handle(req, res, url, /^Key (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]);
    return;
  }
  const route = routeOf(method, url.pathname);
  if (!route) {
    sendJson(res, 405, { detail: 'Method Not Allowed' });
    return;
  }
  if (route === 'submit') d.stats.submitAttempts++;
  if (d.faults.hangRoutes.includes(route)) {
    d.stats.hung++;
    // Never answered: the socket stays open until the client gives up or the simulator closes.
    await readBody(req).catch(() => undefined);
    return;
  }
  if (d.faults.redirectRoutes.includes(route)) {
    d.stats.redirects++;
    await readBody(req).catch(() => undefined);
    res.writeHead(307, { location: req.url ?? '/', 'content-length': 0 }).end();
    return;
  }
  const slow = d.dice.slowMs(route);
  if (slow > 0) await sleep(slow);
  const dropping = d.dice.drop(route);
  if (dropping && !(route === 'submit' && d.faults.submitDropMode === 'after-create')) {
    drop(d, req, res);
    return;
  }
  if (!dropping) {
    const injected = d.dice.error(route);
    if (injected !== undefined) {
      const status =
        route === 'submit' ? (d.submitErrorStatuses.includes(injected) ? injected : (d.submitErrorStatuses[0] ?? 503)) : injected;
      d.stats.injectedErrors++;
      await readBody(req).catch(() => undefined);
      sendJson(
        res,
        status,
        { detail: `Simulated ${status}` },
        d.faults.retryAfterS !== undefined ? { 'retry-after': String(d.faults.retryAfterS) } : {},
      );
      return;
    }
  }
  const auth = /^Key (.+)$/.exec(String(req.headers.authorization ?? ''));
  if (!auth || !d.acceptKey(auth[1]!)) {
    d.stats.unauthorized++;
    await readBody(req).catch(() => undefined);
    sendJson(res, 401, { detail: 'Unauthorized' });
    return;
  }

  if (route === 'initiate') {
    const body = parseJson(await readBody(req));
    if (body === PARSE_FAILED) {
      sendJson(res, 400, { detail: 'Invalid JSON body' });
      return;
    }
    d.storage.initiate(body, url.pathname.startsWith('/storage/upload/initiate-multipart'), res);
    return;
  }

  if (route === 'submit') {
    const endpointId = decodeURIComponent(url.pathname.slice(1));
    const raw = await readBody(req);
    if (!d.knownEndpoints.has(endpointId)) {
      sendJson(res, 404, { detail: `Application '${endpointId}' not found` });
      return;
    }
    const body = parseJson(raw);
    if (body === PARSE_FAILED) {
      sendJson(res, 422, { detail: [{ loc: ['body'], msg: 'Invalid JSON', type: 'json_invalid' }] });
      return;
    }
    if (!(await d.submitFaults.pass('before-create', req))) return;
    const job = d.queue.submit(endpointId, body);
    d.stats.submits++;
    if (dropping) {
      drop(d, req, res);
      return;
    }
    if (!(await d.submitFaults.pass('after-create', req))) return;
    sendJson(
      res,
      200,
      { status: 'IN_QUEUE', request_id: job.id, ...d.queue.urls(job), queue_position: d.queue.position(job) },
      { 'x-fal-request-id': job.id },
    );
    d.submitFaults.replied(job.id, res);
    return;
  }

  const m = REQ_RE.exec(url.pathname)!;
  const job = d.queue.jobs.get(m[2]!);
  if (!job || job.appPath !== m[1]) {
    if (route === 'cancel') {
      sendJson(res, 404, { status: 'NOT_FOUND' });
      return;
    }
    sendJson(res, 404, { detail: 'Request not found' });
    return;
  }
  const withLogs = url.searchParams.get('logs') === '1' || url.searchParams.get('logs') === 'true';
  const idHeader = { 'x-fal-request-id': job.id };
  switch (route) {
    case 'status': {
      d.stats.statusCalls++;
      sendJson(res, job.state === 'COMPLETED' ? 200 : 202, d.queue.statusBody(job, withLogs ? job.logs : null), idHeader);
      return;
    }
    case 'stream': {
      d.stats.streamCalls++;
      const cut = d.dice.cutStream();
      if (cut) d.stats.cutStreams++;
      streamStatus(d.queue, job, res, { logs: withLogs, keepAliveMs: d.queue.timing.keepAliveMs, cutAfterFirstEvent: cut });
      return;
    }
    case 'result': {
      d.stats.resultCalls++;
      if (job.state !== 'COMPLETED') {
        sendJson(res, 400, { detail: 'Request is still in progress' }, idHeader);
        return;
      }
      const r = d.queue.resultOf(job);
      if (!r) {
        sendJson(res, 404, { detail: 'Request not found' }, idHeader);
        return;
      }
      // Kling video bills per second of output: the units are the clip's seconds.
      const factor = d.faults.billableUnitsFactor;
      const raw = d.faults.billableUnitsHeader;
      const billing: Record<string, string> =
        r.status !== 200 || !job.clip
          ? {}
          : raw !== undefined
            ? { 'x-fal-billable-units': raw }
            : factor !== undefined
              ? { 'x-fal-billable-units': String(job.clip.spec.durationS * factor) }
              : {};
      const padding: Record<string, string> =
        d.faults.resultHeaderBytes > 0 ? { 'x-sim-padding': 'p'.repeat(d.faults.resultHeaderBytes) } : {};
      sendJson(res, r.status, d.faults.omitFileSize ? withoutFileSize(r.body) : r.body, {
        ...r.headers,
        ...billing,
        ...padding,
        ...idHeader,
      });
      return;
    }
    case 'cancel': {
      d.stats.cancels++;
      const c = d.queue.cancel(job);
      sendJson(res, c.status, c.body, idHeader);
      return;
    }
    case 'file':
    case 'upload':
      // Storage routes are the CDN's (handleCdn); routeOf never gives them for a request path.
      sendJson(res, 404, { detail: 'Not found' });
      return;
  }
}

async function handleCdn(d: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  d.stats.cdnRequests++;
  if (req.headers.authorization !== undefined) d.stats.authOnCdn++;
  const url = new URL(req.url ?? '/', 'http://cdn');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/hop/')) {
    redirectHop(d, d.queue.apiUrl, url, req, res);
    return;
  }
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const route: Route | undefined =
    parts[0] === 'files' && (method === 'GET' || method === 'HEAD')
      ? 'file'
      : parts[0] === 'upload' || parts[0] === 'multipart'
        ? 'upload'
        : undefined;
  if (!route) {
    sendJson(res, 404, { detail: 'Not found' });
    return;
  }
  const slow = d.dice.slowMs(route);
  if (slow > 0) await sleep(slow);
  if (d.dice.drop(route)) {
    drop(d, req, res);
    return;
  }
  const injected = d.dice.error(route);
  if (injected !== undefined) {
    d.stats.injectedErrors++;
    await readBody(req).catch(() => undefined);
    sendJson(
      res,
      injected,
      { detail: `Simulated ${injected}` },
      d.faults.retryAfterS !== undefined ? { 'retry-after': String(d.faults.retryAfterS) } : {},
    );
    return;
  }
  if (route === 'file') {
    if (d.faults.fileRedirects > 0) {
      d.stats.redirects++;
      res.writeHead(302, { location: `${d.queue.apiUrl}/hop/1${url.pathname}`, 'content-length': 0 }).end();
      return;
    }
    d.storage.serve(parts[1] ?? '', req, res);
    return;
  }
  if (parts[0] === 'upload' && parts.length === 2 && method === 'PUT') {
    await d.storage.put(parts[1]!, url, req, res);
    return;
  }
  if (parts[0] === 'multipart' && parts.length === 3 && parts[2] === 'complete' && method === 'POST') {
    const body = parseJson(await readBody(req));
    await d.storage.complete(parts[1]!, url, body === PARSE_FAILED ? undefined : body, res);
    return;
  }
  if (parts[0] === 'multipart' && parts.length === 3 && method === 'PUT') {
    await d.storage.putPart(parts[1]!, Number(parts[2]), url, req, res);
    return;
  }
  sendJson(res, 405, { detail: 'Method Not Allowed' });
}

/**
 * `/hop/{n}/files/{id}/{name}` on either origin: a redirecting CDN's chain. Hop n < fileRedirects
 * sends the client on to the other origin; the last hop serves the file.
 */
function redirectHop(d: ServerDeps, otherOrigin: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.authorization !== undefined) d.stats.authOnRedirects++;
  const m = /^\/hop\/(\d+)(\/files\/([^/]+)\/.*)$/.exec(url.pathname);
  if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) {
    sendJson(res, 404, { detail: 'Not found' });
    return;
  }
  const hop = Number(m[1]);
  if (hop < d.faults.fileRedirects) {
    d.stats.redirects++;
    res.writeHead(302, { location: `${otherOrigin}/hop/${hop + 1}${m[2]}`, 'content-length': 0 }).end();
    return;
  }
  d.storage.serve(decodeURIComponent(m[3]!), req, res);
}

function withoutFileSize(body: unknown): unknown {
  const video = (body as { video?: Record<string, unknown> } | undefined)?.video;
  if (!video || typeof video !== 'object') return body;
  const { file_size: _drop, ...rest } = video;
  return { ...(body as object), video: rest };
}

const PARSE_FAILED = Symbol('parse-failed');
function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return PARSE_FAILED;
  }
}

export async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
}

export async function shutdown(server: Server): Promise<void> {
  const closed = new Promise<void>(r => server.close(() => r()));
  // Immediate even with keep-alive clients and open SSE streams.
  server.closeAllConnections();
  await closed;
}
