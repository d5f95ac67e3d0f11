// Kling 3.0 (V3) on fal: text- and image-to-video in standard, pro and 4k, motion control in
// standard and pro (fal has no 4k motion-control). Prices are fal's published figures as of
// 2026-08-23 (its llms.txt pages for these endpoints).
import type { EndpointKind, Tier } from '../types';
import { textToVideoSchema } from '../schema/text-to-video';
import { imageToVideoSchema } from '../schema/image-to-video';
import { motionControlSchema } from '../schema/motion-control';
import type { EndpointEntry, EndpointMedia, PriceRule, TierPrice } from './types';

const standard: TierPrice = { audioOff: 0.084, audioOn: 0.126, voice: 0.154 };
// Pro voice control was not published after the price cut; 0.196 is the top of the quoted range.
const pro: TierPrice = { audioOff: 0.112, audioOn: 0.168, voice: 0.196 };
// fal's 4K price is one figure, $0.42/s, with or without sound (a voice included): audio off used
// to be priced at $0.28, the bottom of older third-party estimates, so the budget guard erred low.
const uhd: TierPrice = { audioOff: 0.42, audioOn: 0.42, voice: 0.42 };
// Only pro motion-control is published; standard is assumed equal rather than guessed lower.
const motion: TierPrice = { audioOff: 0.168, audioOn: 0.168 };

const generated = (usd: TierPrice): PriceRule => ({
  type: 'per-second',
  audioKey: 'generate_audio',
  audioDefault: true,
  voiceBinding: true,
  usd,
});

const T2V_MEDIA: EndpointMedia = { fields: [] };
const I2V_MEDIA: EndpointMedia = {
  fields: [
    { key: 'start_image_url', role: 'start_image' },
    { key: 'end_image_url', role: 'end_image' },
  ],
  elements: { video: true },
};
const MOTION_MEDIA: EndpointMedia = {
  fields: [
    { key: 'image_url', role: 'image' },
    { key: 'video_url', role: 'video' },
  ],
  elements: { video: false },
};

/** Aliases `tier/kind` and `v3/tier/kind`; pro, the default tier, also answers to the bare kind. */
function v3(kind: EndpointKind, tier: Tier, rest: Pick<EndpointEntry, 'schema' | 'media' | 'price' | 'length'>): EndpointEntry {
  const short = [`${tier}/${kind}`, `v3/${tier}/${kind}`];
  return {
    id: `fal-ai/kling-video/v3/${tier}/${kind}`,
    aliases: tier === 'pro' ? [kind, ...short] : short,
    family: 'v3',
    tier,
    kind,
    ...rest,
    output: 'video',
    simulator: { type: 'clip-from-body' },
  };
}

const t2v = (usd: TierPrice) => ({ schema: textToVideoSchema, media: T2V_MEDIA, price: generated(usd), length: { from: 'body' } as const });
const i2v = (usd: TierPrice) => ({
  schema: imageToVideoSchema,
  media: I2V_MEDIA,
  price: generated(usd),
  length: { from: 'body' } as const,
});
const mc = {
  schema: motionControlSchema,
  media: MOTION_MEDIA,
  price: { type: 'per-second', audioKey: 'keep_original_sound', audioDefault: true, voiceBinding: false, usd: motion } as const,
  // The clip follows the reference video, so only its probed length prices it.
  length: { from: 'input-video', key: 'video_url' } as const,
};

export const V3_ENTRIES: readonly EndpointEntry[] = [
  v3('text-to-video', 'pro', t2v(pro)),
  v3('text-to-video', 'standard', t2v(standard)),
  v3('text-to-video', '4k', t2v(uhd)),
  v3('image-to-video', 'pro', i2v(pro)),
  v3('image-to-video', 'standard', i2v(standard)),
  v3('image-to-video', '4k', i2v(uhd)),
  v3('motion-control', 'pro', mc),
  v3('motion-control', 'standard', mc),
];
