// Live prices from fal's Platform API, mapped onto the registry's built-in price rules. There is one
// price rule per entry (cost.ts reads it); a live figure only replaces that rule's numbers, and only
// where its unit means the same thing as the rule:
// - per second (fal's units `second`, `seconds`, `video_second`): a `flat-per-second` rule takes the
//   figure as it is. A `per-second` rule with sound and voice variants takes it as its base figure
//   (sound off, the one fal lists first) and moves the other variants by the same ratio: fal's 2026
//   price changes moved all three together (V3 standard 0.168/0.252/0.308 → 0.084/0.126/0.154).
//   A `per-second-by-resolution` rule (Kling 4.0) takes it as its 720p figure, the one fal lists
//   first, and moves 1080p and the video-input figures by the same ratio.
// - per video or per call (`video`, `request`, `call`): a flat amount per job. It does not map onto a
//   per-second rule (the estimate would no longer grow with the length), so the built-in figure
//   stays and `kling models check` reports the unit as changed.
// - anything else, or a currency other than USD: not mapped, the built-in figure stays.
import * as l10n from '@vscode/l10n';
import type { EndpointEntry, PriceFigures, Resolution } from './registry';

/** One endpoint's price as fal's Platform API gave it, and when it was read. */
export interface LivePrice {
  endpointId: string;
  unitPrice: number;
  unit: string;
  currency: string;
  /** ISO time of the read. */
  readAt: string;
}

/** Where the figure behind an estimate comes from; every estimate carries one. */
export type PriceSource =
  | { kind: 'built-in'; asOf: string }
  | { kind: 'live'; readAt: string }
  /** A user's own table (the extension's `klingStudio.prices`), named as the user knows it. */
  | { kind: 'setting'; name: string };

/**
 * When the built-in figures were last checked against fal's published prices (the family files of
 * the registry give each figure's own source).
 */
export const BUILT_IN_PRICES_AS_OF = '2026-12';

export type PriceUnit = 'second' | 'video' | 'call';

/** fal's billing unit in our terms; undefined for a unit we do not price by (image, megapixel, GPU time). */
export function priceUnitOf(unit: string): PriceUnit | undefined {
  const u = unit
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (/^(video_)?seconds?$/.test(u) || u === 's') return 'second';
  if (/^videos?$/.test(u)) return 'video';
  if (/^(requests?|calls?|runs?)$/.test(u)) return 'call';
  return undefined;
}

/** The figure and unit fal would publish for an entry's built-in rule: the simulator serves it, `models check` compares with it. */
export function publishedPrice(entry: EndpointEntry): { unitPrice: number; unit: PriceUnit } {
  const rule = entry.price;
  switch (rule.type) {
    case 'per-second':
      return { unitPrice: rule.usd.audioOff, unit: 'second' };
    case 'per-second-by-resolution':
      return { unitPrice: rule.usd.generate['720p'], unit: 'second' };
    case 'flat-per-second':
      return { unitPrice: rule.usd, unit: 'second' };
    case 'per-call':
      return { unitPrice: rule.usd, unit: 'call' };
    default:
      return unhandled(rule);
  }
}

export type LiveMapping = { ok: true; usd: PriceFigures } | { ok: false; reason: string };

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The entry's per-second figures with the live price in place, or why the live price does not map (see the head of this file). */
export function mapLivePrice(entry: EndpointEntry, live: LivePrice): LiveMapping {
  if (live.currency.toUpperCase() !== 'USD') return { ok: false, reason: l10n.t('fal prices it in {0}, not USD', live.currency) };
  if (!Number.isFinite(live.unitPrice) || live.unitPrice < 0) return { ok: false, reason: l10n.t('fal gave no usable price') };
  const unit = priceUnitOf(live.unit);
  const rule = entry.price;
  switch (rule.type) {
    case 'per-second': {
      if (unit !== 'second') return { ok: false, reason: l10n.t('fal prices it per {0}; the built-in rule is per second', live.unit) };
      const base = rule.usd.audioOff;
      const scale = (n: number) => (base > 0 ? round6((n * live.unitPrice) / base) : live.unitPrice);
      return {
        ok: true,
        usd: {
          audioOff: live.unitPrice,
          audioOn: scale(rule.usd.audioOn),
          ...(rule.usd.voice !== undefined && { voice: scale(rule.usd.voice) }),
        },
      };
    }
    case 'per-second-by-resolution': {
      if (unit !== 'second') return { ok: false, reason: l10n.t('fal prices it per {0}; the built-in rule is per second', live.unit) };
      const base = rule.usd.generate['720p'];
      const scale = (n: number) => (base > 0 ? round6((n * live.unitPrice) / base) : live.unitPrice);
      const each = (r: Readonly<Record<Resolution, number>>) => ({ '720p': scale(r['720p']), '1080p': scale(r['1080p']) });
      return { ok: true, usd: { generate: { ...each(rule.usd.generate), '720p': live.unitPrice }, videoInput: each(rule.usd.videoInput) } };
    }
    case 'flat-per-second':
      if (unit !== 'second') return { ok: false, reason: l10n.t('fal prices it per {0}; the built-in rule is per second', live.unit) };
      return { ok: true, usd: { audioOff: live.unitPrice, audioOn: live.unitPrice } };
    case 'per-call':
      if (unit !== 'call') return { ok: false, reason: l10n.t('fal prices it per {0}; the built-in rule is per call', live.unit) };
      return { ok: true, usd: { audioOff: live.unitPrice, audioOn: live.unitPrice } };
    default:
      return unhandled(rule);
  }
}

/** The date part of an ISO time: what a label shows. */
function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}

/** `live (fal, read 2026-12-03)`, `built-in (2026-12)` or the setting's name: shown with every estimate. */
export function priceSourceText(source: PriceSource): string {
  switch (source.kind) {
    case 'live':
      return l10n.t('live (fal, read {0})', day(source.readAt));
    case 'built-in':
      return l10n.t('built-in ({0})', source.asOf);
    case 'setting':
      return source.name;
    default:
      return unhandled(source);
  }
}

/** A new variant of a union reaches here only when a case is missing: the type checker names the switch. */
function unhandled(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
