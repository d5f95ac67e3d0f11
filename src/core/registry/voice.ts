// Kling create-voice on fal: a 5–30 s voice sample in, a `voice_id` out, for elements to bind.
// $0.007 per call, fal's create-voice llms.txt page (late 2026). No clip, so no length; no tiers.
import { createVoiceSchema } from '../schema/create-voice';
import type { ClipLimits } from '../types';
import type { EndpointEntry } from './types';

/** fal's words: "Duration must be 5-30 seconds with clean, single-voice audio". */
export const VOICE_SAMPLE: ClipLimits = { minSeconds: 5, maxSeconds: 30 };

export const VOICE_ENTRIES: readonly EndpointEntry[] = [
  {
    id: 'fal-ai/kling-video/create-voice',
    aliases: ['create-voice', 'voice/create'],
    family: 'voice',
    tier: null,
    kind: 'create-voice',
    schema: createVoiceSchema,
    media: { fields: [{ key: 'voice_url', role: 'voice_audio', limits: VOICE_SAMPLE }] },
    price: { type: 'per-call', usd: 0.007 },
    length: { from: 'none' },
    output: 'voice',
    simulator: { type: 'voice-id' },
  },
];
