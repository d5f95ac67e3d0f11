// Kling O3 (Omni) text-to-video, fal's `O3…TextToVideoInput` (one shape for standard, pro and 4k).
// Unlike V3: no negative prompt or CFG scale, and sound is off unless asked for.
import { z } from 'zod';
import * as f from './fields';

export const o3TextToVideoSchema = z
  .object({
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    duration: f.duration(),
    aspect_ratio: f.aspectRatio(),
    generate_audio: f.generateAudio(false),
    shot_type: f.shotType(),
  })
  .meta({ title: 'Kling O3 text-to-video request' });

export type O3TextToVideoInput = z.input<typeof o3TextToVideoSchema>;
