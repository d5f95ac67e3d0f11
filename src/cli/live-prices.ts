// The CLI's live prices: which Platform API to ask (`--platform-url`, else fal's own when the run
// goes to fal's own queue), where its cache lives, and the price table a run estimates with. A run
// against another queue (`--queue-url`: a proxy, a test server) or the built-in simulator asks no
// Platform API unless `--platform-url` names one, so its estimates stay built-in and say so.
import { homedir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PRICES, ENDPOINT_IDS, type PriceTable } from '../core';
import { createPlatformClient, DEFAULT_PLATFORM_URL, falKeyFromEnv } from '../client';
import { livePrices, withLive, type LivePrices } from '../takes';

/** `KLING_CACHE_DIR`, else `$XDG_CACHE_HOME/kling-studio`, else `~/.cache/kling-studio`. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.KLING_CACHE_DIR) return path.resolve(env.KLING_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(homedir(), '.cache'), 'kling-studio');
}

export const priceCacheFile = (env: NodeJS.ProcessEnv) => path.join(cacheDir(env), 'prices.json');

/** The Platform API a run asks for prices, or undefined for none (see the head of this file). */
export function platformUrlFor(o: {
  simulator: boolean;
  queueUrl: string | undefined;
  platformUrl: string | undefined;
}): string | undefined {
  if (o.platformUrl !== undefined) return o.platformUrl.replace(/\/+$/, '');
  return o.simulator || o.queueUrl !== undefined ? undefined : DEFAULT_PLATFORM_URL;
}

/** The registry's live prices from `platformUrl` (or its cache); `force` asks fal even when the cache is fresh. */
export async function readLivePrices(platformUrl: string, o: { force?: boolean; cache?: boolean } = {}): Promise<LivePrices> {
  const key = falKeyFromEnv(process.env);
  const client = createPlatformClient({ platformUrl, credentials: () => key });
  try {
    return await livePrices(ENDPOINT_IDS, {
      file: o.cache === false ? undefined : priceCacheFile(process.env),
      origin: client.platformUrl,
      // Without a key fal gives no price: the cache (or the built-in table) answers.
      ...(key && { read: ids => client.prices(ids) }),
      ...(o.force && { force: true }),
    });
  } finally {
    await client.close();
  }
}

/** The table a run estimates with; a problem reading fal is said once on stderr, and the run goes on. */
export async function runPriceTable(platformUrl: string | undefined, err: (s: string) => void): Promise<PriceTable> {
  if (platformUrl === undefined) return DEFAULT_PRICES;
  const live = await readLivePrices(platformUrl);
  if (live.problem !== undefined)
    err(
      `live prices not read (${live.problem}); estimating with ${live.from === 'cache' ? 'the prices read earlier' : 'the built-in prices'}`,
    );
  return withLive(DEFAULT_PRICES, live);
}
