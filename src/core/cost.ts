// Cost estimate from fal's published prices. Prices changed twice in 2026, so they are configuration: callers pass
// their own table (a setting) and DEFAULT_PRICES holds the figures the registry's entries carry (fal's, as of
// 2026-08-23, from its llms.txt pages for the V3 endpoints); `source` names them wherever an estimate is shown.
// What a price depends on (which key turns sound on, whether a voice counts) is the entry's price rule.
import * as l10n from '@vscode/l10n';
import { ENDPOINTS, entryFor, type TierPrice } from './registry';
import { requestSeconds } from './request-seconds';
import type { EndpointKind, ResolvedEndpoint, Tier } from './types';

export interface PriceTable {
  currency: 'USD';
  /** Where the numbers come from, shown with the estimate. */
  source: string;
  perSecond: Partial<Record<EndpointKind, Partial<Record<Tier, TierPrice>>>>;
}

function builtInPerSecond(): PriceTable['perSecond'] {
  const table: Partial<Record<EndpointKind, Partial<Record<Tier, TierPrice>>>> = {};
  for (const e of ENDPOINTS) (table[e.kind] ??= {})[e.tier] = e.price.usd;
  return table;
}

export const DEFAULT_PRICES: PriceTable = Object.freeze({
  currency: 'USD',
  // A getter: the text is translated when shown, after activate() has configured the bundle.
  get source(): string {
    return l10n.t("fal.ai's published prices as of 2026-08-23; 4K and standard motion-control are estimates");
  },
  perSecond: builtInPerSecond(),
}) as PriceTable;

export interface CostEstimate {
  usd: number;
  seconds: number;
  perSecond: number;
  audio: boolean;
}

export interface CostOptions {
  /** Length of the input video when the output follows it (motion control); from the media probe. */
  videoSeconds?: number;
}

function bindsVoice(body: Record<string, unknown>): boolean {
  return (
    Array.isArray(body.elements) &&
    body.elements.some(e => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>).voice_id === 'string')
  );
}

/** undefined when the body does not determine the length (invalid duration, unknown video length). */
export function estimateCost(
  endpoint: ResolvedEndpoint,
  body: Record<string, unknown> | undefined,
  prices: PriceTable = DEFAULT_PRICES,
  options: CostOptions = {},
): CostEstimate | undefined {
  if (!body) return undefined;
  const rule = (entryFor(endpoint.id) ?? entryFor(endpoint.kind))?.price;
  const price = prices.perSecond[endpoint.kind]?.[endpoint.tier];
  if (!rule || !price) return undefined;
  const seconds = requestSeconds(endpoint.kind, body, options.videoSeconds);
  if (seconds === undefined) return undefined;
  const audio = body[rule.audioKey] !== false;
  const voice = audio && rule.voiceBinding && bindsVoice(body);
  const perSecond = voice && price.voice !== undefined ? price.voice : audio ? price.audioOn : price.audioOff;
  return { usd: Math.round(seconds * perSecond * 10000) / 10000, seconds, perSecond, audio };
}
