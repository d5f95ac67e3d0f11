// Kling O3 (Omni) on fal: text-, image- and reference-to-video in standard, pro and 4k. Prices are
// fal's published figures (its O3 llms.txt and model pages, late 2026): standard $0.084/s audio
// off, $0.112/s on; pro $0.112 and $0.14; 4k $0.42 with or without sound. fal publishes no voice
// price for O3, so a bound voice is priced as sound on. Video-to-video edit and reference come in
// standard and pro only (fal has no O3 4k video-to-video in its endpoint map). Their price does not
// depend on keep_audio: fal's pro edit page gives $0.336 per second of output, and the output is as
// long as the input video. No standard or reference figure is published; standard is taken at the
// pro figure scaled as O3 generation's tiers are (0.084 / 0.112, so $0.252), and reference at edit's.
import type { ClipLimits, EndpointKind, Tier } from '../types';
import { o3TextToVideoSchema } from '../schema/o3-text-to-video';
import { o3ImageToVideoSchema } from '../schema/o3-image-to-video';
import { o3ReferenceToVideoSchema } from '../schema/o3-reference-to-video';
import { o3VideoEditSchema, o3VideoReferenceSchema } from '../schema/o3-video-to-video';
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

/**
 * The input video: fal's Aug 2026 schema says 3–15 s and 720–3840 px (≤ 200 MB); its Apr types and
 * its pro edit page still say 3–10 s and 720–2160 px, so beyond those is a warning, not an error.
 */
export const O3_SOURCE_VIDEO: ClipLimits = {
  minSeconds: 3,
  maxSeconds: 15,
  minSide: 720,
  maxSide: 3840,
  maxBytes: 200 * 1024 * 1024,
  soft: { maxSeconds: 10, maxSide: 2160 },
};

const V2V_PRICE: Record<'pro' | 'standard', number> = { pro: 0.336, standard: 0.252 };

/** Aliases `o3/tier/video-to-video/edit` (and reference); the output of edit is as long as its input video. */
function o3v2v(kind: 'video-to-video/edit' | 'video-to-video/reference', tier: 'pro' | 'standard'): EndpointEntry {
  return {
    id: `fal-ai/kling-video/o3/${tier}/${kind}`,
    aliases: [`o3/${tier}/${kind}`],
    family: 'o3',
    tier,
    kind,
    schema: kind === 'video-to-video/edit' ? o3VideoEditSchema : o3VideoReferenceSchema,
    media: {
      fields: [
        { key: 'video_url', role: 'source_video', limits: O3_SOURCE_VIDEO },
        { key: 'image_urls', role: 'image', list: true },
      ],
      elements: { video: false },
    },
    price: { type: 'flat-per-second', usd: V2V_PRICE[tier] },
    length: kind === 'video-to-video/edit' ? { from: 'input-video', key: 'video_url' } : { from: 'body' },
    output: 'video',
    simulator: { type: 'clip-from-body' },
  };
}

export const O3_V2V_ENTRIES: readonly EndpointEntry[] = (['video-to-video/edit', 'video-to-video/reference'] as const).flatMap(kind =>
  (['pro', 'standard'] as const).map(tier => o3v2v(kind, tier)),
);
