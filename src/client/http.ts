// One place where requests leave the client. It decides whether `Authorization: Key …` goes on a
// request: only when the caller asks for it AND the URL's origin is one of the configured fal
// origins (queue, storage). Upload targets, CDN files and anything else never get it.
import { request, stream, type Dispatcher } from 'undici';
import { Writable, type Readable } from 'node:stream';
import { directGet, type BodySink, type DirectResponse } from './direct-get';
import { FalError, Redactor } from './errors';

export interface Logger {
  debug(m: string): void;
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
}
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const USER_AGENT = 'kling-studio';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  signal?: AbortSignal | undefined;
  /** Ask for the fal key; granted only for the configured origins. */
  auth: boolean;
  bodyTimeout?: number;
  headersTimeout?: number;
}

export type HttpResponse = Dispatcher.ResponseData;

export class HttpClient {
  private readonly authOrigins: Set<string>;
  readonly redactor = new Redactor();
  readonly log: Logger;

  /**
   * @param direct true when requests reach their origins without a proxy: only then may a download
   * take the direct socket path (see direct-get.ts); through a proxy it goes through undici.
   */
  constructor(
    private readonly dispatcher: Dispatcher,
    authOrigins: string[],
    private readonly credentials: () => Promise<string | undefined> | string | undefined,
    logger: Logger = silentLogger,
    private readonly direct = false,
  ) {
    this.authOrigins = new Set(authOrigins.map(u => new URL(u).origin));
    const r = this.redactor;
    // Log lines pass through the redactor too.
    this.log = {
      debug: m => logger.debug(r.redact(m)),
      info: m => logger.info(r.redact(m)),
      warn: m => logger.warn(r.redact(m)),
      error: m => logger.error(r.redact(m)),
    };
  }

  mayAuth(url: string): boolean {
    return this.authOrigins.has(new URL(url).origin);
  }

  async key(): Promise<string> {
    const k = (await this.credentials())?.trim();
    if (!k) throw new FalError('auth', 'No fal API key is configured (set FAL_KEY or store a key).');
    this.redactor.add(k);
    return k;
  }

  private async options(r: HttpRequest) {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...r.headers };
    if (r.auth) {
      if (this.mayAuth(r.url)) headers.authorization = `Key ${await this.key()}`;
      else this.log.warn(`Not sending the fal key to ${new URL(r.url).origin}: not a configured fal origin.`);
    }
    this.log.debug(`${r.method} ${stripQuery(r.url)}`);
    return {
      method: r.method,
      headers,
      dispatcher: this.dispatcher,
      ...(r.body !== undefined && { body: r.body }),
      ...(r.signal && { signal: r.signal }),
      ...(r.bodyTimeout !== undefined && { bodyTimeout: r.bodyTimeout }),
      ...(r.headersTimeout !== undefined && { headersTimeout: r.headersTimeout }),
    };
  }

  async request(r: HttpRequest): Promise<HttpResponse> {
    return request(r.url, await this.options(r));
  }

  /**
   * An unauthenticated GET whose body goes to a synchronous sink as it arrives. On a direct
   * connection it reads through one reused buffer (direct-get.ts); through a proxy, or when the
   * answer needs a full HTTP client (chunked, 1xx), undici makes the request.
   */
  async download(r: Omit<HttpRequest, 'method' | 'auth' | 'body'>, factory: (res: DirectResponse) => BodySink): Promise<void> {
    if (this.direct) {
      this.log.debug(`GET ${stripQuery(r.url)}`);
      const opts = {
        headers: { 'user-agent': USER_AGENT, ...r.headers },
        signal: r.signal,
        ...(r.bodyTimeout !== undefined && { idleTimeoutMs: r.bodyTimeout }),
      };
      if ((await directGet(r.url, opts, factory)) === 'done') return;
      this.log.debug(`${stripQuery(r.url)}: answer needs undici (chunked or 1xx); asking again`);
    }
    await this.stream({ ...r, method: 'GET', auth: false }, res => {
      const sink = factory(res);
      return new Writable({
        highWaterMark: 0,
        write(chunk: Buffer, _enc, cb) {
          try {
            sink.write(chunk);
            cb();
          } catch (e) {
            cb(e as Error);
          }
        },
      });
    });
  }

  /**
   * The body goes straight into the Writable the factory returns, chunk by chunk as it is parsed:
   * nothing waits in an intermediate buffer that a cut connection would throw away.
   */
  private async stream(
    r: HttpRequest,
    factory: (res: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => Writable,
  ): Promise<void> {
    await stream(r.url, await this.options(r), ({ statusCode, headers }) =>
      factory({ statusCode, headers: headers as Record<string, string | string[] | undefined> }),
    );
  }
}

/** Signed upload URLs carry their signature in the query: keep it out of logs. */
export function stripQuery(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function readJson(res: HttpResponse): Promise<unknown> {
  const text = await res.body.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The key from the environment as fal-js reads it: FAL_KEY, else FAL_KEY_ID + FAL_KEY_SECRET. */
export function falKeyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const key = (env.FAL_KEY || (env.FAL_KEY_ID && env.FAL_KEY_SECRET ? `${env.FAL_KEY_ID}:${env.FAL_KEY_SECRET}` : ''))?.trim();
  return key || undefined;
}
