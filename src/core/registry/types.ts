// The shape of one registry entry: everything Kling Studio knows about a fal endpoint. The unions
// are small on purpose; a new family adds its variant (a flat price, a voice output) here and a
// case where the union is read, and the type checker lists every place that must learn it.
import type { z } from 'zod';
import type { ClipLimits, EndpointKind, MediaRole, Tier } from '../types';

export type Family = 'v3' | 'o3' | 'turbo' | 'v4' | 'voice';

/**
 * Per-second USD figures. Built-in prices are per entry (by endpoint id: O3 and turbo share kinds
 * and tiers with V3 but not prices). The user's `klingStudio.prices` setting keeps its older
 * kind → tier form and replaces the figures of the V3 entries only, the family it was written for.
 */
export interface TierPrice {
  /** USD per second of output. */
  audioOff: number;
  audioOn: number;
  /** With a voice bound to an element (voice control). */
  voice?: number;
}

export type Resolution = '720p' | '1080p';

/**
 * Per-second USD figures by the body's `resolution` (Kling 4.0): `generate` for a clip made from
 * text and images, `videoInput` when a video goes in (references, video elements, edit), billed
 * on the input's seconds plus the output's.
 */
export interface ResolutionPrice {
  generate: Readonly<Record<Resolution, number>>;
  videoInput: Readonly<Record<Resolution, number>>;
}

/** What a price table holds for one endpoint: figures by sound, or by resolution. */
export type PriceFigures = TierPrice | ResolutionPrice;

export function isResolutionPrice(p: PriceFigures): p is ResolutionPrice {
  return 'generate' in p;
}

export type PriceRule =
  | {
      type: 'per-second';
      /** The body key that turns sound on. */
      audioKey: 'generate_audio' | 'keep_original_sound';
      /** Whether sound is on when the key is absent (V3: on; O3: off). */
      audioDefault: boolean;
      /** Whether `elements[].voice_id` selects the voice price. */
      voiceBinding: boolean;
      /** fal's published figures (see the family's file for their date and source). */
      usd: TierPrice;
    }
  | {
      /** One figure per second whatever the body says: endpoints without sound (turbo, O3 video-to-video). */
      type: 'flat-per-second';
      usd: number;
    }
  | {
      /**
       * Kling 4.0: sound is always on and the figure follows `resolution`; with a video in, the
       * video-input figure is billed on input plus output seconds, at least `minBilledMultiple`
       * times the output's.
       */
      type: 'per-second-by-resolution';
      resolutionDefault: Resolution;
      minBilledMultiple: number;
      usd: ResolutionPrice;
    }
  | {
      /** One figure per request, whatever its length: create-voice. */
      type: 'per-call';
      usd: number;
    };

/**
 * How long the output is: the body's duration (or storyboard), the length of an input video, or
 * none at all (create-voice makes no clip).
 */
export type OutputLength = { from: 'body' } | { from: 'input-video'; key: string } | { from: 'none' };

/**
 * How a body writes its length: V3 and O3 as strings "3"…"15" (shots "1"…"15"), Kling 4.0 as
 * integers 3…30 (shots from 1). An entry without one uses the string form.
 */
export interface DurationRule {
  form: 'string' | 'integer';
  min: number;
  max: number;
}

/** A clip (`{ video: { url } }`), or a voice (`{ voice_id }`, create-voice). */
export type OutputShape = 'video' | 'voice';

/**
 * What the simulator answers with: a clip shaped by the body (aspect, duration, shots, sound), or
 * a voice id made from the request.
 */
export type SimulatorOutput = { type: 'clip-from-body' } | { type: 'voice-id' };

/** A top-level media field; its role names the limits media/check.ts applies. */
export interface MediaField {
  key: string;
  role: MediaRole;
  /** The field holds a list of URLs or paths (O3's `image_urls`), each checked alone. */
  list?: boolean;
  /** Limits of a clip this endpoint sets for the field (roles `source_video` and `voice_audio`). */
  limits?: ClipLimits;
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
  /** null where fal sells one tier only (create-voice). */
  tier: Tier | null;
  kind: EndpointKind;
  /** The request body's zod schema; endpoints of one family and kind share one, families differ. */
  schema: z.ZodObject;
  media: EndpointMedia;
  price: PriceRule;
  length: OutputLength;
  /** Absent: the string form, 3–15 s (STRING_DURATIONS). */
  duration?: DurationRule;
  output: OutputShape;
  simulator: SimulatorOutput;
}
