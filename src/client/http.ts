// One place where requests leave the client. It decides whether `Authorization: Key …` goes on a
// request: only when the caller asks for it AND the URL's origin is one of the configured fal
// origins (queue, storage). Upload targets, CDN files and anything else never get it.
import { interceptors, request, stream, type Dispatcher } from 'undici';
import { Writable, type Readable } from 'node:stream';
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

export type ResponseHeaders = Record<string, string | string[] | undefined>;
export interface DownloadResponse {
  statusCode: number;
  headers: ResponseHeaders;
}
/** Receives a download's body, chunk by chunk, as it is parsed. */
export interface BodySink {
  write(chunk: Buffer): void;
}

/** CDNs answer a clip URL with a redirect or two (signed URLs, mirrors); more than this is a loop. */
export const MAX_REDIRECTS = 5;

export class HttpClient {
  private readonly authOrigins: Set<string>;
  readonly redactor = new Redactor();
  readonly log: Logger;
  /** Follows redirects, across origins too; undici drops Authorization and cookies on a cross-origin hop. */
  private readonly downloader: Dispatcher;

  constructor(
    private readonly dispatcher: Dispatcher,
    authOrigins: string[],
    private readonly credentials: () => Promise<string | undefined> | string | undefined,
    logger: Logger = silentLogger,
  ) {
    this.downloader = dispatcher.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
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

  private async options(r: HttpRequest, dispatcher = this.dispatcher) {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...r.headers };
    if (r.auth) {
      if (this.mayAuth(r.url)) headers.authorization = `Key ${await this.key()}`;
      else this.log.warn(`Not sending the fal key to ${new URL(r.url).origin}: not a configured fal origin.`);
    }
    this.log.debug(`${r.method} ${stripQuery(r.url)}`);
    return {
      method: r.method,
      headers,
      dispatcher,
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
   * A GET that never carries the key, following up to MAX_REDIRECTS redirects; the factory sees
   * the final answer (a 3xx only when the redirects ran out). The body goes to the sink chunk by
   * chunk as undici parses it: nothing waits in a buffer that a cut connection would throw away.
   */
  async download(r: Omit<HttpRequest, 'method' | 'auth' | 'body'>, factory: (res: DownloadResponse) => BodySink): Promise<void> {
    const opts = await this.options({ ...r, method: 'GET', auth: false }, this.downloader);
    await stream(r.url, opts, ({ statusCode, headers }) => {
      const sink = factory({ statusCode, headers: headers as ResponseHeaders });
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
