import { z } from 'zod';
import * as f from './fields';

export const textToVideoSchema = z
  .object({
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    duration: f.duration(),
    generate_audio: f.generateAudio(),
    shot_type: f.shotType(),
    aspect_ratio: f.aspectRatio(),
    negative_prompt: f.negativePrompt(),
    cfg_scale: f.cfgScale(),
  })
  .meta({ title: 'Kling V3 text-to-video request' });

export type TextToVideoInput = z.input<typeof textToVideoSchema>;
