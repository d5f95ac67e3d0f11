// Kling O3 (Omni) on fal: text-, image- and reference-to-video in standard, pro and 4k. Prices are
// fal's published figures (its O3 llms.txt and model pages, late 2026): standard $0.084/s audio
// off, $0.112/s on; pro $0.112 and $0.14; 4k $0.42 with or without sound. fal publishes no voice
// price for O3, so a bound voice is priced as sound on. Video-to-video edit and reference are
// not modelled yet (unmodelled.ts).
import type { EndpointKind, Tier } from '../types';
import { o3TextToVideoSchema } from '../schema/o3-text-to-video';
import { o3ImageToVideoSchema } from '../schema/o3-image-to-video';
import { o3ReferenceToVideoSchema } from '../schema/o3-reference-to-video';
import type { EndpointEntry, EndpointMedia, TierPrice } from './types';

const PRICES: Record<Tier, TierPrice> = {
  standard: { audioOff: 0.084, audioOn: 0.112 },
  pro: { audioOff: 0.112, audioOn: 0.14 },
  '4k': { audioOff: 0.42, audioOn: 0.42 },
};

const MEDIA: Record<'text-to-video' | 'image-to-video' | 'reference-to-video', EndpointMedia> = {
  'text-to-video': { fields: [] },
  'image-to-video': {
    fields: [
      { key: 'image_url', role: 'start_image' },
      { key: 'end_image_url', role: 'end_image' },
    ],
  },
  'reference-to-video': {
    fields: [
      { key: 'start_image_url', role: 'start_image' },
      { key: 'end_image_url', role: 'end_image' },
      { key: 'image_urls', role: 'image', list: true },
    ],
    elements: { video: true },
  },
};

const SCHEMA = {
  'text-to-video': o3TextToVideoSchema,
  'image-to-video': o3ImageToVideoSchema,
  'reference-to-video': o3ReferenceToVideoSchema,
};

/** Aliases `o3/tier/kind`; pro reference-to-video, which only O3 has, also answers to the bare kind. */
function o3(kind: keyof typeof SCHEMA, tier: Tier): EndpointEntry {
  const short = `o3/${tier}/${kind}`;
  return {
    id: `fal-ai/kling-video/o3/${tier}/${kind}`,
    aliases: kind === 'reference-to-video' && tier === 'pro' ? [short, kind] : [short],
    family: 'o3',
    tier,
    kind: kind satisfies EndpointKind,
    schema: SCHEMA[kind],
    media: MEDIA[kind],
    price: { type: 'per-second', audioKey: 'generate_audio', audioDefault: false, voiceBinding: false, usd: PRICES[tier] },
    length: { from: 'body' },
    output: 'video',
    simulator: { type: 'clip-from-body' },
  };
}

const TIERS: readonly Tier[] = ['pro', 'standard', '4k'];

export const O3_ENTRIES: readonly EndpointEntry[] = (['text-to-video', 'image-to-video', 'reference-to-video'] as const).flatMap(kind =>
  TIERS.map(tier => o3(kind, tier)),
);
