// Kling V3 turbo on fal: text- and image-to-video in standard and pro (fal has no turbo 4k). No
// sound, so one price per second: fal's llms.txt pages (late 2026) give pro $0.14/s (both kinds)
// and standard image-to-video $0.112/s; standard text-to-video is taken to match it.
import { turboImageToVideoSchema, turboTextToVideoSchema } from '../schema/turbo';
import type { EndpointEntry } from './types';

/** Aliases `turbo/tier/kind` and `v3/turbo/tier/kind`, after the id. */
function turbo(kind: 'text-to-video' | 'image-to-video', tier: 'pro' | 'standard'): EndpointEntry {
  return {
    id: `fal-ai/kling-video/v3/turbo/${tier}/${kind}`,
    aliases: [`turbo/${tier}/${kind}`, `v3/turbo/${tier}/${kind}`],
    family: 'turbo',
    tier,
    kind,
    schema: kind === 'text-to-video' ? turboTextToVideoSchema : turboImageToVideoSchema,
    media: kind === 'text-to-video' ? { fields: [] } : { fields: [{ key: 'image_url', role: 'start_image' }] },
    price: { type: 'flat-per-second', usd: tier === 'pro' ? 0.14 : 0.112 },
    length: { from: 'body' },
    output: 'video',
    simulator: { type: 'clip-from-body' },
  };
}

export const TURBO_ENTRIES: readonly EndpointEntry[] = [
  turbo('text-to-video', 'pro'),
  turbo('text-to-video', 'standard'),
  turbo('image-to-video', 'pro'),
  turbo('image-to-video', 'standard'),
];
