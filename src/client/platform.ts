// fal's Platform API (https://api.fal.ai/v1): the price and the published OpenAPI document of an
// endpoint. Requests go through the one HttpClient, so the key only goes to the configured platform
// origin, as `Authorization: Key <key>`, and every message that leaves passes the redactor.
//
// What is read of the answers (anything else in them is ignored):
// - `GET /models/pricing?endpoint_id=<id>&endpoint_id=<id>…` (1–50 ids a call; a key is required):
//   `{ prices: [{ endpoint_id, unit_price, unit, currency }], next_cursor, has_more }`. `unit` is
//   fal's billing unit (`second` for a video priced per second of output, `image`, `request`…).
//   When `has_more` is true, the same query with `cursor=<next_cursor>` gives the next page.
// - `GET /models?endpoint_id=<id>…&expand=openapi-3.0` (a key is optional):
//   `{ models: [{ endpoint_id, metadata: { display_name?, status? }, openapi? }], next_cursor, has_more }`;
//   `openapi` is the endpoint's whole OpenAPI 3 document, whose `POST /<endpoint id>` carries the
//   input schema (core's openApiInputSchema finds it).
import { z } from 'zod';
import type { LivePrice } from '../core/live-price';
import { FalError } from './errors';
import { HttpClient, readJson, type Logger } from './http';
import { createDispatcher } from './proxy';
import type { Dispatcher } from 'undici';

export const DEFAULT_PLATFORM_URL = 'https://api.fal.ai/v1';

/** fal accepts at most 50 endpoint ids in one query. */
const BATCH = 50;
/** A listing that pages past this is not an answer to our question. */
const MAX_PAGES = 20;

const PriceRow = z.object({ endpoint_id: z.string(), unit_price: z.number(), unit: z.string(), currency: z.string() });
const Page = z.object({ next_cursor: z.string().nullish(), has_more: z.boolean().optional() });
const PricesPage = Page.extend({ prices: z.array(z.unknown()) });
const ModelRow = z.object({
  endpoint_id: z.string(),
  metadata: z.object({ display_name: z.string().optional(), status: z.string().optional() }).partial().nullish(),
  openapi: z.record(z.string(), z.unknown()).nullish(),
});
const ModelsPage = Page.extend({ models: z.array(z.unknown()) });

export interface PlatformModel {
  endpointId: string;
  displayName?: string;
  status?: string;
  /** The endpoint's OpenAPI document, when asked for and published. */
  openapi?: Record<string, unknown>;
}

export interface PlatformClientOptions {
  /** Default https://api.fal.ai/v1; the simulator serves the same routes under `<its url>/v1`. */
  platformUrl?: string;
  credentials: () => Promise<string | undefined> | string | undefined;
  dispatcher?: Dispatcher;
  proxy?: string;
  noProxy?: string;
  proxyEnv?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** How long one call may wait for headers, then between body chunks (default 15 s): a price must not hold up a Generate. */
  timeoutMs?: number;
  now?: () => number;
}

export interface PlatformClient {
  readonly platformUrl: string;
  /** Live prices of the ids fal knows (ids it does not know are left out); needs a key. */
  prices(endpointIds: readonly string[], o?: { signal?: AbortSignal }): Promise<LivePrice[]>;
  /** Catalogue entries of the ids, with their OpenAPI documents when `openapi` is set. */
  models(endpointIds: readonly string[], o?: { openapi?: boolean; signal?: AbortSignal }): Promise<PlatformModel[]>;
  close(): Promise<void>;
}

export function createPlatformClient(opts: PlatformClientOptions): PlatformClient {
  const platformUrl = (opts.platformUrl ?? DEFAULT_PLATFORM_URL).replace(/\/+$/, '');
  const now = opts.now ?? Date.now;
  const timeout = opts.timeoutMs ?? 15_000;
  const { dispatcher, owned } = createDispatcher({
    dispatcher: opts.dispatcher,
    proxy: opts.proxy,
    noProxy: opts.noProxy,
    ...(opts.proxyEnv && { env: opts.proxyEnv }),
  });
  const http = new HttpClient(dispatcher, [platformUrl], opts.credentials, opts.logger);

  async function hasKey(): Promise<boolean> {
    return Boolean((await opts.credentials())?.trim());
  }

  /** Every page of one query; `rows` picks the list out of a page. */
  async function pages(path: string, query: URLSearchParams, auth: boolean, rows: (page: unknown) => unknown[], signal?: AbortSignal) {
    const out: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams(query);
      if (cursor) q.set('cursor', cursor);
      const url = `${platformUrl}${path}?${q}`;
      let res;
      try {
        res = await http.request({ url, method: 'GET', auth, signal, headersTimeout: timeout, bodyTimeout: timeout });
      } catch (e) {
        if (signal?.aborted) throw new FalError('aborted', 'Aborted by the user');
        throw new FalError('network', `fal's Platform API (${platformUrl}) could not be reached: ${(e as Error).message}`, { cause: e });
      }
      const body = await readJson(res);
      if (res.statusCode === 401 || res.statusCode === 403)
        throw new FalError('auth', `fal's Platform API refused the key (HTTP ${res.statusCode})`, { status: res.statusCode });
      if (res.statusCode < 200 || res.statusCode >= 300)
        throw new FalError('http', `fal's Platform API answered HTTP ${res.statusCode} for ${path}`, { status: res.statusCode });
      const paging = Page.safeParse(body);
      out.push(...rows(body));
      cursor = paging.success && paging.data.has_more !== false ? (paging.data.next_cursor ?? undefined) : undefined;
      if (!cursor) return out;
    }
    throw new FalError('protocol', `fal's Platform API kept paging ${path} past ${MAX_PAGES} pages`);
  }

  const batches = (ids: readonly string[]) =>
    Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, i) => ids.slice(i * BATCH, (i + 1) * BATCH));
  const idQuery = (ids: readonly string[]) => new URLSearchParams(ids.map(id => ['endpoint_id', id] as [string, string]));
  const listOf = (schema: typeof PricesPage | typeof ModelsPage, key: 'prices' | 'models') => (page: unknown) => {
    const p = schema.safeParse(page);
    if (!p.success) throw new FalError('protocol', `fal's Platform API sent no ${key} list`);
    return 'prices' in p.data ? p.data.prices : p.data.models;
  };

  // Whatever fails, the message that reaches the caller has no key in it.
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      throw http.redactor.scrub(e instanceof Error ? e : new FalError('http', String(e)));
    }
  };

  return {
    platformUrl,
    prices: (ids, o = {}) =>
      guard(
        (async () => {
          const readAt = new Date(now()).toISOString();
          const out: LivePrice[] = [];
          for (const batch of batches(ids)) {
            for (const row of await pages('/models/pricing', idQuery(batch), true, listOf(PricesPage, 'prices'), o.signal)) {
              const p = PriceRow.safeParse(row);
              // A row we cannot read is not a price: the built-in figure stays for that endpoint.
              if (p.success)
                out.push({
                  endpointId: p.data.endpoint_id,
                  unitPrice: p.data.unit_price,
                  unit: p.data.unit,
                  currency: p.data.currency,
                  readAt,
                });
            }
          }
          return http.redactor.redactValue(out);
        })(),
      ),
    models: (ids, o = {}) =>
      guard(
        (async () => {
          const auth = await hasKey();
          const out: PlatformModel[] = [];
          for (const batch of batches(ids)) {
            const q = idQuery(batch);
            if (o.openapi) q.set('expand', 'openapi-3.0');
            for (const row of await pages('/models', q, auth, listOf(ModelsPage, 'models'), o.signal)) {
              const m = ModelRow.safeParse(row);
              if (!m.success) continue;
              out.push({
                endpointId: m.data.endpoint_id,
                ...(m.data.metadata?.display_name !== undefined && { displayName: m.data.metadata.display_name }),
                ...(m.data.metadata?.status !== undefined && { status: m.data.metadata.status }),
                ...(m.data.openapi && { openapi: m.data.openapi }),
              });
            }
          }
          return out;
        })(),
      ),
    close: async () => {
      if (owned) await dispatcher.close();
    },
  };
}
