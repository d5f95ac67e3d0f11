// Cost estimate from fal's published per-second prices. Prices changed twice in 2026, so they are configuration: callers
// pass their own table (a setting) and DEFAULT_PRICES holds the figures fal published as of 2026-08-23 (its
// llms.txt pages for the V3 endpoints); `source` names them wherever an estimate is shown.
import * as l10n from '@vscode/l10n';
import { requestSeconds } from './request-seconds';
import type { EndpointKind, ResolvedEndpoint, Tier } from './types';

export interface TierPrice {
  /** USD per second of output. */
  audioOff: number;
  audioOn: number;
  /** With a voice bound to an element (voice control). */
  voice?: number;
}

export interface PriceTable {
  currency: 'USD';
  /** Where the numbers come from, shown with the estimate. */
  source: string;
  perSecond: Partial<Record<EndpointKind, Partial<Record<Tier, TierPrice>>>>;
}

const standard: TierPrice = { audioOff: 0.084, audioOn: 0.126, voice: 0.154 };
// Pro voice control was not published after the price cut; 0.196 is the top of the quoted range.
const pro: TierPrice = { audioOff: 0.112, audioOn: 0.168, voice: 0.196 };
// 4K has third-party estimates only ($0.28–0.42/s); the top is used so the guard errs high.
const uhd: TierPrice = { audioOff: 0.28, audioOn: 0.42, voice: 0.42 };
// Only pro motion-control is published; standard is assumed equal rather than guessed lower.
const motion: TierPrice = { audioOff: 0.168, audioOn: 0.168 };

export const DEFAULT_PRICES: PriceTable = Object.freeze({
  currency: 'USD',
  // A getter: the text is translated when shown, after activate() has configured the bundle.
  get source(): string {
    return l10n.t("fal.ai's published prices as of 2026-08-23; 4K and standard motion-control are estimates");
  },
  perSecond: {
    'text-to-video': { standard, pro, '4k': uhd },
    'image-to-video': { standard, pro, '4k': uhd },
    'motion-control': { standard: motion, pro: motion },
  },
}) as PriceTable;

export interface CostEstimate {
  usd: number;
  seconds: number;
  perSecond: number;
  audio: boolean;
}

export interface CostOptions {
  /** Length of the motion-control reference video (the output follows it); from the media probe. */
  videoSeconds?: number;
}

/** undefined when the body does not determine the length (invalid duration, unknown video length). */
export function estimateCost(
  endpoint: ResolvedEndpoint,
  body: Record<string, unknown> | undefined,
  prices: PriceTable = DEFAULT_PRICES,
  options: CostOptions = {},
): CostEstimate | undefined {
  if (!body) return undefined;
  const price = prices.perSecond[endpoint.kind]?.[endpoint.tier];
  if (!price) return undefined;
  const seconds = requestSeconds(endpoint.kind, body, options.videoSeconds);
  if (seconds === undefined) return undefined;
  let audio: boolean;
  let perSecond: number;
  if (endpoint.kind === 'motion-control') {
    audio = body.keep_original_sound !== false;
    perSecond = audio ? price.audioOn : price.audioOff;
  } else {
    audio = body.generate_audio !== false;
    const voice =
      audio &&
      Array.isArray(body.elements) &&
      body.elements.some(e => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>).voice_id === 'string');
    perSecond = voice && price.voice !== undefined ? price.voice : audio ? price.audioOn : price.audioOff;
  }
  return { usd: Math.round(seconds * perSecond * 10000) / 10000, seconds, perSecond, audio };
}
