// Kling 4.0 on fal (since October 2026): text-, image- and reference-to-video and video-to-video
// edit, from fal's llms.txt pages (late 2026). The reference-to-video and edit pages still say
// "API access is coming soon"; these entries follow their published schemas all the same.
//
// fal names each endpoint two ways: `kling/v4/<kind>` (its API pages, its Kling 4.0 guide and the
// reference and edit pages) and `fal-ai/kling-video/v4/<kind>` (an earlier image-to-video page).
// Requests go to `kling/v4/<kind>`, the name every newer page uses; the other is an alias, so a
// shot file written with either resolves to the same entry.
//
// No tiers: the body's `resolution` sets the price. $0.157/s at 720p, $0.235/s at 1080p; with a
// video in (references, video elements, edit) $0.094 / $0.141 per second on the input's seconds
// plus the output's, at least twice the output's. Sound is always on.
import type { ClipLimits, EndpointKind } from '../types';
import { v4ImageToVideoSchema, v4TextToVideoSchema, V4_MAX_SECONDS, V4_MIN_SECONDS } from '../schema/v4';
import { v4ReferenceToVideoSchema, v4VideoEditSchema } from '../schema/v4-reference';
import type { DurationRule, EndpointEntry, EndpointMedia, PriceRule } from './types';

export const V4_DURATIONS: DurationRule = Object.freeze({ form: 'integer', min: V4_MIN_SECONDS, max: V4_MAX_SECONDS });

const PRICE: PriceRule = {
  type: 'per-second-by-resolution',
  resolutionDefault: '720p',
  minBilledMultiple: 2,
  usd: { generate: { '720p': 0.157, '1080p': 0.235 }, videoInput: { '720p': 0.094, '1080p': 0.141 } },
};

/** fal's edit page on its input video (and the reference videos, per Kling's own docs). */
export const V4_INPUT_VIDEO: ClipLimits = {
  minSeconds: 3,
  maxSeconds: 30.05,
  minSide: 700,
  maxSide: 4553,
  maxBytes: 300 * 1024 * 1024,
};

function v4(kind: EndpointKind, schema: EndpointEntry['schema'], media: EndpointMedia, length: EndpointEntry['length']): EndpointEntry {
  return {
    id: `kling/v4/${kind}`,
    aliases: [`fal-ai/kling-video/v4/${kind}`, `v4/${kind}`],
    family: 'v4',
    tier: null,
    kind,
    schema,
    media,
    price: PRICE,
    length,
    duration: V4_DURATIONS,
    output: 'video',
    simulator: { type: 'clip-from-body' },
  };
}

export const V4_ENTRIES: readonly EndpointEntry[] = [
  v4('text-to-video', v4TextToVideoSchema, { fields: [] }, { from: 'body' }),
  v4(
    'image-to-video',
    v4ImageToVideoSchema,
    {
      fields: [
        { key: 'start_image_url', role: 'start_image' },
        { key: 'middle_image_urls', role: 'image', list: true },
        { key: 'end_image_url', role: 'end_image' },
      ],
    },
    { from: 'body' },
  ),
  // Reference videos take the edit page's limits (Kling's own docs give the same), so they are
  // checked as input videos rather than as motion-control's motion video.
  v4(
    'reference-to-video',
    v4ReferenceToVideoSchema,
    {
      fields: [
        { key: 'start_image_url', role: 'start_image' },
        { key: 'end_image_url', role: 'end_image' },
        { key: 'image_urls', role: 'image', list: true },
        { key: 'video_urls', role: 'source_video', list: true, limits: V4_INPUT_VIDEO },
      ],
      elements: { video: true },
    },
    { from: 'body' },
  ),
  v4(
    'video-to-video/edit',
    v4VideoEditSchema,
    {
      fields: [
        { key: 'video_url', role: 'source_video', limits: V4_INPUT_VIDEO },
        { key: 'image_urls', role: 'image', list: true },
      ],
    },
    { from: 'input-video', key: 'video_url' },
  ),
];
