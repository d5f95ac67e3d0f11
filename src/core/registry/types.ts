// The shape of one registry entry: everything Kling Studio knows about a fal endpoint. The unions
// are small on purpose; a new family adds its variant (a flat price, a voice output) here and a
// case where the union is read, and the type checker lists every place that must learn it.
import type { z } from 'zod';
import type { EndpointKind, MediaRole, Tier } from '../types';

export type Family = 'v3';

/** Per-second USD figures; the user's `klingStudio.prices` setting may replace them per kind and tier. */
export interface TierPrice {
  /** USD per second of output. */
  audioOff: number;
  audioOn: number;
  /** With a voice bound to an element (voice control). */
  voice?: number;
}

export type PriceRule = {
  type: 'per-second';
  /** The body key that turns sound on (fal's default: on). */
  audioKey: 'generate_audio' | 'keep_original_sound';
  /** Whether `elements[].voice_id` selects the voice price. */
  voiceBinding: boolean;
  /** fal's published figures (see cost.ts for their date and source). */
  usd: TierPrice;
};

/** How long the output is: the body's duration (or storyboard), or the length of an input video. */
export type OutputLength = { from: 'body' } | { from: 'input-video'; key: string };

export type OutputShape = 'video';

/** What the simulator answers with: a clip shaped by the body (aspect, duration, shots, sound). */
export type SimulatorOutput = { type: 'clip-from-body' };

/** A top-level media field; its role names the limits media/check.ts applies. */
export interface MediaField {
  key: string;
  role: MediaRole;
}

export interface EndpointMedia {
  fields: readonly MediaField[];
  /** `elements[]` carry images (frontal + references), and a video too when `video` is set. */
  elements?: { video: boolean };
}

export interface EndpointEntry {
  /** fal's full endpoint id. */
  id: string;
  /** Short names accepted in a shot file's `endpoint` key, unique across the registry. */
  aliases: readonly string[];
  family: Family;
  tier: Tier;
  kind: EndpointKind;
  /** The request body's zod schema; endpoints of one family and kind share one. */
  schema: z.ZodObject;
  media: EndpointMedia;
  price: PriceRule;
  length: OutputLength;
  output: OutputShape;
  simulator: SimulatorOutput;
}
