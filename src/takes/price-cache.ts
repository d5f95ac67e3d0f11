// fal's live prices, remembered with the date they were read, for every face: the CLI keeps the
// file in its cache folder, the extension in its global storage. One file holds the prices of each
// Platform API origin apart (the simulator's are never taken for fal's). A read younger than
// `refreshAfterMs` is used without asking fal again; an older one is refreshed, and when fal cannot
// be reached the cached prices are still used up to `maxAgeMs`, each labelled with its read date,
// after which the built-in figures take over.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { errorText, withLivePrices, type LivePrice, type PriceTable } from '../core';
import { writeFileAtomic } from '../media/atomic-write';

export const PRICE_REFRESH_MS = 24 * 60 * 60_000;
export const PRICE_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

const LivePriceSchema = z.object({
  endpointId: z.string(),
  unitPrice: z.number(),
  unit: z.string(),
  currency: z.string(),
  readAt: z.string(),
});
const CacheSchema = z.object({
  version: z.literal(1),
  origins: z.record(z.string(), z.object({ readAt: z.string(), prices: z.array(LivePriceSchema) })),
});
type CacheFile = z.infer<typeof CacheSchema>;

async function load(file: string): Promise<CacheFile> {
  try {
    const parsed = CacheSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    /* missing or unreadable: start empty */
  }
  return { version: 1, origins: {} };
}

export interface LivePricesOptions {
  /** The cache file; undefined keeps nothing between runs. */
  file: string | undefined;
  /** The Platform API the prices come from (its URL): the cache's key. */
  origin: string;
  /** Asks fal (the platform client's `prices`); absent: the cache alone. */
  read?: (endpointIds: readonly string[]) => Promise<LivePrice[]>;
  /** Ask fal even when the cache is fresh (`kling models`). */
  force?: boolean;
  now?: () => number;
  refreshAfterMs?: number;
  maxAgeMs?: number;
}

export interface LivePrices {
  prices: LivePrice[];
  /** `platform`: read now; `cache`: remembered from an earlier read; `none`: neither. */
  from: 'platform' | 'cache' | 'none';
  /** Why fal was not read, when it was asked and failed (the key never appears: the client redacts it). */
  problem?: string;
}

/** The live prices of `endpointIds`, read now or remembered (see the head of this file). */
export async function livePrices(endpointIds: readonly string[], o: LivePricesOptions): Promise<LivePrices> {
  const now = (o.now ?? Date.now)();
  const wanted = new Set(endpointIds);
  const cache = o.file ? await load(o.file) : undefined;
  const entry = cache && Object.hasOwn(cache.origins, o.origin) ? cache.origins[o.origin] : undefined;
  const age = (iso: string) => now - Date.parse(iso);
  const cached = (entry?.prices ?? []).filter(p => wanted.has(p.endpointId) && age(p.readAt) <= (o.maxAgeMs ?? PRICE_MAX_AGE_MS));
  const fresh = entry !== undefined && age(entry.readAt) >= 0 && age(entry.readAt) < (o.refreshAfterMs ?? PRICE_REFRESH_MS);
  const fromCache = (problem?: string): LivePrices => ({
    prices: cached,
    from: cached.length ? 'cache' : 'none',
    ...(problem !== undefined && { problem }),
  });
  if (!o.read || (fresh && !o.force && endpointIds.every(id => cached.some(p => p.endpointId === id)))) return fromCache();
  let read: LivePrice[];
  try {
    read = (await o.read(endpointIds)).filter(p => wanted.has(p.endpointId));
  } catch (e) {
    return fromCache(errorText(e));
  }
  if (o.file && cache) {
    // Prices of other endpoints read earlier stay; those read now replace theirs.
    const kept = (entry?.prices ?? []).filter(p => !wanted.has(p.endpointId));
    cache.origins[o.origin] = { readAt: new Date(now).toISOString(), prices: [...kept, ...read] };
    // A cache that cannot be written costs a refresh next time, nothing else.
    await writeFileAtomic(o.file, `${JSON.stringify(cache, null, 1)}\n`, { durable: false }).catch(() => undefined);
  }
  return { prices: read, from: 'platform' };
}

/** The price table with the live prices in place (core's withLivePrices decides what maps). */
export function withLive(base: PriceTable, live: LivePrices): PriceTable {
  return withLivePrices(base, live.prices);
}
