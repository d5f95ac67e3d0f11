// fal's Platform API routes, served from the registry so prices and schemas are tested offline:
// `GET /v1/models/pricing?endpoint_id=…` (a key is required, as on fal) and
// `GET /v1/models?endpoint_id=…[&expand=openapi-3.0]` (a key is optional). Each endpoint's price is
// what fal would publish for its built-in rule and its schema is its zod schema as JSON Schema, so an
// untouched simulator shows no drift; `PlatformDrift` lets a test make fal's side change.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENDPOINTS, entryJsonSchema, lookupEndpoint, publishedPrice, type EndpointEntry } from '../core';
import { sendJson } from './http-util';

export interface PublishedPrice {
  unitPrice: number;
  unit: string;
  currency: string;
}

/** Changes to what the simulated fal publishes (mutable at run time, for drift tests). */
export interface PlatformDrift {
  /** Publishes another price for an endpoint (unit and currency default to what it was). */
  price(endpointId: string, p: Partial<PublishedPrice>): void;
  /** Edits the endpoint's published input schema (a fresh copy of the registry's) before it is served. */
  schema(endpointId: string, edit: (input: Record<string, unknown>) => void): void;
  /** Leaves the endpoint out of both routes, as fal does for an id it does not serve. */
  unpublish(endpointId: string): void;
  /** Back to what the registry says. */
  reset(): void;
}

export interface PlatformStats {
  /** Requests to either route. */
  platformCalls: number;
  /** Pricing requests refused for want of an accepted key. */
  platformUnauthorized: number;
}

export interface SimPlatform extends PlatformDrift {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, key: string | undefined): void;
}

/** A schema name like fal's (`KlingVideoV3ProTextToVideoInput`). */
function schemaName(id: string): string {
  return `${id
    .split(/[/.-]/)
    .filter(w => w && w !== 'fal' && w !== 'ai')
    .map(w => w[0]!.toUpperCase() + w.slice(1))
    .join('')}Input`;
}

function openApiOf(entry: EndpointEntry, input: Record<string, unknown>): Record<string, unknown> {
  const name = schemaName(entry.id);
  return {
    openapi: '3.0.4',
    info: { title: entry.id, version: '1.0.0' },
    paths: {
      [`/${entry.id}`]: {
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
          responses: { '200': { description: 'The request status.' } },
        },
      },
    },
    components: { schemas: { [name]: input } },
  };
}

export function createSimPlatform(stats: PlatformStats, acceptKey: (key: string) => boolean): SimPlatform {
  const prices = new Map<string, Partial<PublishedPrice>>();
  const edits = new Map<string, ((input: Record<string, unknown>) => void)[]>();
  const unpublished = new Set<string>();
  const published = (id: string) => {
    const entry = lookupEndpoint(id);
    return entry && entry.id === id && !unpublished.has(id) ? entry : undefined;
  };
  const priceOf = (entry: EndpointEntry): PublishedPrice => ({ ...publishedPrice(entry), currency: 'USD', ...prices.get(entry.id) });
  const inputOf = (entry: EndpointEntry) => {
    const input = entryJsonSchema(entry);
    for (const edit of edits.get(entry.id) ?? []) edit(input);
    return input;
  };
  // Both routes take ids as repeated parameters or comma-separated, as fal's do.
  const idsOf = (url: URL) =>
    url.searchParams
      .getAll('endpoint_id')
      .flatMap(v => v.split(','))
      .filter(Boolean);

  return {
    price: (id, p) => void prices.set(id, { ...prices.get(id), ...p }),
    schema: (id, edit) => void edits.set(id, [...(edits.get(id) ?? []), edit]),
    unpublish: id => void unpublished.add(id),
    reset() {
      prices.clear();
      edits.clear();
      unpublished.clear();
    },
    handle(req, res, url, key) {
      stats.platformCalls++;
      if (req.method !== 'GET') return sendJson(res, 405, { detail: 'Method Not Allowed' });
      const ids = idsOf(url);
      if (url.pathname === '/v1/models/pricing') {
        if (key === undefined || !acceptKey(key)) {
          stats.platformUnauthorized++;
          return sendJson(res, 401, { detail: 'Unauthorized' });
        }
        if (ids.length < 1 || ids.length > 50) return sendJson(res, 400, { detail: 'endpoint_id: give 1 to 50 endpoint ids' });
        const rows = ids.flatMap(id => {
          const entry = published(id);
          if (!entry) return [];
          const p = priceOf(entry);
          return [{ endpoint_id: id, unit_price: p.unitPrice, unit: p.unit, currency: p.currency }];
        });
        return sendJson(res, 200, { prices: rows, next_cursor: null, has_more: false });
      }
      if (url.pathname === '/v1/models') {
        if (key !== undefined && !acceptKey(key)) return sendJson(res, 401, { detail: 'Unauthorized' });
        const openapi = url.searchParams.getAll('expand').some(v => v.split(',').includes('openapi-3.0'));
        const entries = ids.length ? ids.flatMap(id => published(id) ?? []) : ENDPOINTS.filter(e => !unpublished.has(e.id));
        const models = entries.map(e => ({
          endpoint_id: e.id,
          metadata: { display_name: e.id, category: e.kind, status: 'active' },
          ...(openapi && { openapi: openApiOf(e, inputOf(e)) }),
        }));
        return sendJson(res, 200, { models, next_cursor: null, has_more: false });
      }
      return sendJson(res, 404, { detail: 'Not found' });
    },
  };
}
