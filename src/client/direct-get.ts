// A GET whose body goes from the socket into one reused 256 KB buffer and on to a synchronous
// sink, for clip downloads on direct connections (no proxy).
//
// Why not undici here: undici reads the socket through Node streams, which allocate a fresh 64 KB
// buffer for every read. For a 1 GiB clip that is ~16,000 cache-cold buffers that the disk write
// and the sha256 then touch again, plus the GC to free them: about 2 s of CPU per GiB more than this
// path on the bench machine, which was the whole gap to curl (bench/client.bench.ts). Reading with
// `onread` into one buffer that stays in the CPU cache costs about what curl costs.
//
// Deliberately narrow: HTTP/1.1 over TCP or TLS, `Connection: close`, a body framed by
// Content-Length (or by the close, when the server sends neither length nor encoding). A chunked
// body or a 1xx answer is reported as 'unsupported' before the sink exists, and the caller makes
// the request again through undici. Redirects are not followed, as with undici's defaults.
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

export type Headers = Record<string, string | string[] | undefined>;
export interface DirectResponse {
  statusCode: number;
  headers: Headers;
}

/** Receives the body. A chunk is only valid during the call: the buffer behind it is reused. */
export interface BodySink {
  write(chunk: Buffer): void;
}

export interface DirectGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Default 15 s, as the client's undici Agent. */
  connectTimeoutMs?: number;
  /** Longest silence while waiting for the head or the body; default 300 s, as undici's. */
  idleTimeoutMs?: number;
  /** Extra TLS options (tests pass their own CA). */
  tls?: Pick<ConnectionOptions, 'ca' | 'rejectUnauthorized'>;
  readBufferBytes?: number;
}

const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

export function directGetSupported(url: string): boolean {
  const p = new URL(url).protocol;
  return p === 'http:' || p === 'https:';
}

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function abortReason(signal: AbortSignal): Error {
  const r = signal.reason as unknown;
  return r instanceof Error ? r : Object.assign(new Error('This operation was aborted'), { name: 'AbortError', code: 'UND_ERR_ABORTED' });
}

/** Status line and header fields; undefined when the head is not HTTP/1.x. */
export function parseHead(text: string): DirectResponse | undefined {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers: Headers = {};
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const i = line.indexOf(':');
    if (i <= 0) return undefined;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    const had = headers[name];
    headers[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return { statusCode: Number(m[1]), headers };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Resolves 'done' once the whole body went through the sink, or 'unsupported' (nothing given to the
 * factory, socket closed) when the answer needs undici. Rejects on a socket error, a timeout, an
 * abort, a body shorter than its Content-Length (code ERR_STREAM_PREMATURE_CLOSE), or whatever the
 * factory or the sink throws.
 */
export function directGet(url: string, o: DirectGetOptions, factory: (res: DirectResponse) => BodySink): Promise<'done' | 'unsupported'> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  if (!https && u.protocol !== 'http:') return Promise.resolve('unsupported');
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(u.port || (https ? 443 : 80));
  const buffer = Buffer.allocUnsafe(o.readBufferBytes ?? 256 * 1024);
  const signal = o.signal;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (/[\r\n:]/.test(k) || /[\r\n]/.test(v)) return Promise.reject(new TypeError(`Invalid request header: ${JSON.stringify(k)}`));
  }

  return new Promise((resolve, reject) => {
    let head: Buffer | undefined = Buffer.alloc(0);
    let sink: BodySink | undefined;
    let left = Infinity; // body bytes still expected; Infinity: until the server closes
    let settled = false;
    let connected = false;

    const finish = (err: Error | undefined, value?: 'done' | 'unsupported') => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    const onAbort = () => finish(abortReason(signal!));

    const deliver = (chunk: Buffer) => {
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      if (part.length > 0) sink!.write(part);
      left -= part.length;
      if (left === 0) finish(undefined, 'done');
    };

    const onHead = (chunk: Buffer) => {
      head = Buffer.concat([head!, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES)
          finish(codedError(`The response head from ${u.origin} is larger than 64 KB`, 'UND_ERR_HEADERS_OVERFLOW'));
        return;
      }
      const res = parseHead(head.toString('latin1', 0, end));
      const rest = head.subarray(end + HEAD_END.length);
      head = undefined;
      if (!res) {
        finish(codedError(`The response from ${u.origin} is not HTTP/1.1`, 'UND_ERR_SOCKET'));
        return;
      }
      const te = first(res.headers['transfer-encoding']);
      if ((res.statusCode >= 100 && res.statusCode < 200) || (te !== undefined && te.toLowerCase() !== 'identity')) {
        finish(undefined, 'unsupported');
        return;
      }
      const len = first(res.headers['content-length']);
      if (res.statusCode === 204 || res.statusCode === 304) left = 0;
      else if (len !== undefined) {
        if (!/^\d+$/.test(len)) {
          finish(codedError(`Invalid Content-Length from ${u.origin}: ${len}`, 'UND_ERR_SOCKET'));
          return;
        }
        left = Number(len);
      }
      sink = factory(res);
      if (left === 0) {
        finish(undefined, 'done');
        return;
      }
      deliver(rest);
    };

    const callback = (n: number, buf: Buffer): boolean => {
      if (settled) return false;
      try {
        const chunk = buf.subarray(0, n);
        if (head) onHead(chunk);
        else deliver(chunk);
      } catch (e) {
        finish(e as Error);
      }
      return !settled;
    };

    const common = { host, port, onread: { buffer, callback } };
    const socket: Socket = https
      ? tlsConnect({ ...common, ...o.tls, ALPNProtocols: ['http/1.1'], ...(isIP(host) === 0 && { servername: host }) })
      : netConnect(common);

    const connectTimer = setTimeout(
      () => finish(codedError(`Connecting to ${u.origin} timed out`, 'UND_ERR_CONNECT_TIMEOUT')),
      o.connectTimeoutMs ?? 15_000,
    );
    socket.once(https ? 'secureConnect' : 'connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `host: ${u.host}`, 'connection: close', 'accept-encoding: identity'];
      for (const [k, v] of Object.entries(o.headers ?? {})) lines.push(`${k}: ${v}`);
      socket.write(lines.join('\r\n') + '\r\n\r\n');
    });
    socket.setTimeout(o.idleTimeoutMs ?? 300_000, () => {
      if (connected)
        finish(
          codedError(
            `No data from ${u.origin} for ${Math.round((o.idleTimeoutMs ?? 300_000) / 1000)} s`,
            head ? 'UND_ERR_HEADERS_TIMEOUT' : 'UND_ERR_BODY_TIMEOUT',
          ),
        );
    });
    socket.on('error', e => finish(e));
    socket.on('end', () => {
      if (head) finish(codedError(`${u.origin} closed the connection before answering`, 'UND_ERR_SOCKET'));
      else if (left === Infinity) finish(undefined, 'done');
      else finish(codedError(`${u.origin} closed the connection with ${left} bytes of the body missing`, 'ERR_STREAM_PREMATURE_CLOSE'));
    });
    socket.on('close', () => finish(codedError(`The connection to ${u.origin} closed`, 'UND_ERR_SOCKET')));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
