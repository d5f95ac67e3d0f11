// The one price rule of a take, for every face: the estimate from the price table (a setting may
// replace it), with a motion-control shot priced by its reference video's length, read from the
// probe the media check already made. A simulated take costs nothing; what it would cost on fal
// is kept beside it so a cut can be planned offline.
import { stat } from 'node:fs/promises';
import {
  DEFAULT_PRICES,
  estimateCost,
  mediaCacheKey,
  probeVideo,
  type CostEstimate,
  type FileAccess,
  type MediaCache,
  type PriceTable,
  type ResolvedEndpoint,
} from '../core';

export type Provider = 'fal' | 'simulator';

export interface TakePrice {
  /** What one take may cost: the estimate on fal, 0 on the simulator; undefined when it cannot be estimated. */
  usd: number | undefined;
  /** The estimate at fal's prices, also for a simulated take (undefined when the body does not say). */
  atFal: CostEstimate | undefined;
  simulated: boolean;
}

export function priceTake(
  endpoint: ResolvedEndpoint,
  body: Record<string, unknown> | undefined,
  o: { provider: Provider; prices?: PriceTable | undefined; videoSeconds?: number | undefined },
): TakePrice {
  const atFal = estimateCost(endpoint, body, o.prices ?? DEFAULT_PRICES, {
    ...(o.videoSeconds !== undefined && { videoSeconds: o.videoSeconds }),
  });
  const simulated = o.provider === 'simulator';
  return { usd: simulated ? 0 : atFal?.usd, atFal, simulated };
}

/**
 * The length of a local video, from the media check's probe (its cache is keyed by real path,
 * mtime and size); probed here only when the check had not (a fresh cache), and then remembered.
 */
export async function videoSecondsOf(realPath: string, files: FileAccess, cache: MediaCache): Promise<number | undefined> {
  try {
    const s = await stat(realPath);
    const key = mediaCacheKey(realPath, s.mtimeMs, s.size, 'video');
    let probe = cache.get(key);
    if (!probe) {
      probe = await probeVideo(files, realPath, s.size);
      cache.set(key, probe);
    }
    return probe.kind === 'video' ? probe.duration : undefined;
  } catch {
    return undefined;
  }
}
