// Kling O3 (Omni) image-to-video, fal's `O3…ImageToVideoInput` (standard, pro and 4k share it).
// The first frame is `image_url` here, where V3 says `start_image_url`; there are no elements.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import * as f from './fields';

export const o3ImageToVideoSchema = z
  .object({
    image_url: f.imageUrl('o3StartImage', () => ({
      title: l10n.t('Start image'),
      description: l10n.t(
        'First frame of the clip (required; O3 calls it image_url, V3 start_image_url). An https: URL or a path relative to this file.',
      ),
    })),
    end_image_url: f
      .imageUrl('o3EndImage', () => ({
        title: l10n.t('End image'),
        description: l10n.t('Optional last frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    duration: f.duration(),
    generate_audio: f.generateAudio(false),
    shot_type: f.shotType(),
  })
  .meta({ title: 'Kling O3 image-to-video request' });

export type O3ImageToVideoInput = z.input<typeof o3ImageToVideoSchema>;
