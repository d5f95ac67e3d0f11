// Cost estimate from fal's published prices. Prices changed twice in 2026, so they are configuration: callers pass
// their own table (a setting) and DEFAULT_PRICES holds the figures the registry's entries carry (fal's, from its
// llms.txt pages; each family's file gives their date); `source` names them wherever an estimate is shown.
// What a price depends on (which key turns sound on, whether a voice counts) is the entry's price rule.
import * as l10n from '@vscode/l10n';
import { BUILT_IN_PRICES_AS_OF, mapLivePrice, type LivePrice, type PriceSource } from './live-price';
import { isObject } from './rules/issue';
import {
  ENDPOINTS,
  entryFor,
  isResolutionPrice,
  lookupEndpoint,
  type EndpointEntry,
  type PriceFigures,
  type PriceRule,
  type TierPrice,
} from './registry';
import { requestSeconds } from './request-seconds';
import type { ResolvedEndpoint } from './types';

export interface PriceTable {
  currency: 'USD';
  /** Where the numbers come from, shown with the estimate. */
  source: string;
  /**
   * USD per second by endpoint id: families share kinds and tiers but not prices (see TierPrice
   * in registry/types.ts for how the user's kind → tier setting maps onto it).
   */
  byEndpoint: Readonly<Record<string, PriceFigures>>;
  /** Where each endpoint's figures come from (absent: built-in); every estimate says it. */
  sources?: Readonly<Record<string, PriceSource>>;
}

const BUILT_IN: PriceSource = Object.freeze({ kind: 'built-in', asOf: BUILT_IN_PRICES_AS_OF });

/** Where the table's figures for an endpoint come from. */
export function priceSourceOf(table: PriceTable, endpointId: string): PriceSource {
  return (table.sources && Object.hasOwn(table.sources, endpointId) && table.sources[endpointId]) || BUILT_IN;
}

/**
 * A flat or per-call rule's one figure, as a TierPrice, so a table can hold every entry alike
 * (for a per-call rule the figure is per request, not per second; estimateCost reads it so).
 */
function builtInPrice(rule: PriceRule): PriceFigures {
  switch (rule.type) {
    case 'per-second':
    case 'per-second-by-resolution':
      return rule.usd;
    case 'flat-per-second':
    case 'per-call':
      return { audioOff: rule.usd, audioOn: rule.usd };
  }
}

export const DEFAULT_PRICES: PriceTable = Object.freeze({
  currency: 'USD',
  // A getter: the text is translated when shown, after activate() has configured the bundle.
  get source(): string {
    return l10n.t("fal.ai's published prices as of late 2026; V3 4K and standard motion-control are estimates");
  },
  byEndpoint: Object.freeze(Object.fromEntries(ENDPOINTS.map(e => [e.id, builtInPrice(e.price)]))),
}) as PriceTable;

/**
 * The table with the user's `klingStudio.prices` figures (kind → tier → price) in place of the
 * built-in ones of the V3 entries of that kind and tier. Unknown kinds and tiers are ignored.
 */
export function withKindTierPrices(
  base: PriceTable,
  byKind: Readonly<Record<string, Readonly<Record<string, TierPrice>>>>,
  source: string,
): PriceTable {
  const byEndpoint = { ...base.byEndpoint };
  const sources = { ...base.sources };
  let changed = false;
  for (const e of ENDPOINTS) {
    // Own keys only: a kind named `__proto__` must not reach Object.prototype.
    const tiers = e.family === 'v3' && Object.hasOwn(byKind, e.kind) ? byKind[e.kind] : undefined;
    if (tiers && e.tier !== null && Object.hasOwn(tiers, e.tier)) {
      byEndpoint[e.id] = tiers[e.tier]!;
      sources[e.id] = { kind: 'setting', name: source };
      changed = true;
    }
  }
  return changed ? { currency: 'USD', source, byEndpoint, sources } : base;
}

/**
 * The table with fal's live prices in place of the figures they map onto (live-price.ts says how,
 * per unit). A figure from the user's own table stays: the user set it on purpose. Live prices of
 * ids the registry does not hold, or that do not map, change nothing.
 */
export function withLivePrices(base: PriceTable, live: readonly LivePrice[]): PriceTable {
  const byEndpoint = { ...base.byEndpoint };
  const sources = { ...base.sources };
  let changed = false;
  for (const p of live) {
    const entry = lookupEndpoint(p.endpointId);
    if (!entry || entry.id !== p.endpointId || priceSourceOf(base, entry.id).kind === 'setting') continue;
    const mapped = mapLivePrice(entry, p);
    if (!mapped.ok) continue;
    byEndpoint[entry.id] = mapped.usd;
    sources[entry.id] = { kind: 'live', readAt: p.readAt };
    changed = true;
  }
  return changed ? { currency: 'USD', source: base.source, byEndpoint, sources } : base;
}

export interface CostEstimate {
  usd: number;
  /** Seconds of output. */
  seconds: number;
  /**
   * Seconds fal bills when they differ from the output's (Kling 4.0 with a video in: input plus
   * output, at least twice the output); `usd` is these times `perSecond`.
   */
  billedSeconds?: number;
  perSecond: number;
  audio: boolean;
  /** Where the per-second figure comes from (priceSourceText makes its label). */
  source: PriceSource;
}

export interface CostOptions {
  /**
   * Length of the input video when the output follows it (motion control, edit), or of the video
   * going in (Kling 4.0 references); from the media probe.
   */
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
  const entry = entryFor(endpoint.id) ?? entryFor(endpoint.kind);
  const price = entry && prices.byEndpoint[entry.id];
  if (!entry || !price) return undefined;
  const rule = entry.price;
  if (rule.type === 'per-second-by-resolution') {
    if (!isResolutionPrice(price)) return undefined;
    return byResolution(entry, rule, price, body, options, priceSourceOf(prices, entry.id));
  }
  if (isResolutionPrice(price)) return undefined;
  // A per-call price (create-voice) is the whole estimate; there are no seconds to multiply.
  if (rule.type === 'per-call')
    return { usd: price.audioOff, seconds: 0, perSecond: 0, audio: false, source: priceSourceOf(prices, entry.id) };
  const seconds = requestSeconds(entry.id, body, options.videoSeconds);
  if (seconds === undefined) return undefined;
  const audio = rule.type === 'per-second' && (typeof body[rule.audioKey] === 'boolean' ? body[rule.audioKey] === true : rule.audioDefault);
  const voice = audio && rule.type === 'per-second' && rule.voiceBinding && bindsVoice(body);
  const perSecond = voice && price.voice !== undefined ? price.voice : audio ? price.audioOn : price.audioOff;
  return { usd: Math.round(seconds * perSecond * 10000) / 10000, seconds, perSecond, audio, source: priceSourceOf(prices, entry.id) };
}

/** fal's cap on the video going into a Kling 4.0 request: the bound an estimate takes when no probe says. */
export const V4_MAX_INPUT_VIDEO_SECONDS = 30;

/** Whether a body sends a video in: a video-kind media field of the entry, or an element with a video. */
function sendsVideo(entry: EndpointEntry, body: Record<string, unknown>): boolean {
  // An edit always works from a video (fal publishes only its video-input figure), even while
  // the shot file has not named it yet.
  if (entry.length.from === 'input-video') return true;
  for (const f of entry.media.fields) {
    if (f.role !== 'source_video' && f.role !== 'video') continue;
    const v = body[f.key];
    if (Array.isArray(v) ? v.some(u => typeof u === 'string' && u !== '') : typeof v === 'string' && v !== '') return true;
  }
  return (
    entry.media.elements?.video === true &&
    Array.isArray(body.elements) &&
    body.elements.some(e => isObject(e) && typeof e.video_url === 'string' && e.video_url !== '')
  );
}

/**
 * Kling 4.0: the figure of the body's resolution; with a video in, the video-input figure on the
 * input's seconds plus the output's, at least the rule's multiple of the output. Without a probed
 * input length the estimate takes fal's cap on it, so it never falls short of the bill.
 */
function byResolution(
  entry: EndpointEntry,
  rule: Extract<PriceRule, { type: 'per-second-by-resolution' }>,
  price: Extract<PriceFigures, { generate: unknown }>,
  body: Record<string, unknown>,
  options: CostOptions,
  source: ReturnType<typeof priceSourceOf>,
): CostEstimate | undefined {
  const seconds = requestSeconds(entry.id, body, options.videoSeconds);
  if (seconds === undefined) return undefined;
  const asked = body.resolution;
  const resolution = asked === '720p' || asked === '1080p' ? asked : asked == null ? rule.resolutionDefault : undefined;
  if (resolution === undefined) return undefined;
  const round = (n: number) => Math.round(n * 10000) / 10000;
  if (!sendsVideo(entry, body)) {
    const perSecond = price.generate[resolution];
    return { usd: round(seconds * perSecond), seconds, perSecond, audio: true, source };
  }
  const input = entry.length.from === 'input-video' ? seconds : (options.videoSeconds ?? V4_MAX_INPUT_VIDEO_SECONDS);
  const billedSeconds = Math.max(input + seconds, rule.minBilledMultiple * seconds);
  const perSecond = price.videoInput[resolution];
  return { usd: round(billedSeconds * perSecond), seconds, billedSeconds, perSecond, audio: true, source };
}
