// Kling V3 turbo text- and image-to-video (standard and pro share each shape). A small schema: no
// sound, shot type, elements, negative prompt or CFG scale. fal's standard image-to-video page
// speaks of native audio, but its schema has no audio field, so none is modelled.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import * as f from './fields';

export const turboTextToVideoSchema = z
  .object({
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    aspect_ratio: f.aspectRatio(),
    duration: f.duration(),
  })
  .meta({ title: 'Kling V3 turbo text-to-video request' });

export const turboImageToVideoSchema = z
  .object({
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    image_url: f.imageUrl('turboStartImage', () => ({
      title: l10n.t('Start image'),
      description: l10n.t(
        'First frame of the clip (required). JPEG or PNG; an https: URL or a path relative to this file; at most 50 MB, at least 300 px per side, aspect ratio 1:2.5–2.5:1.',
      ),
    })),
    duration: f.duration(),
  })
  .meta({ title: 'Kling V3 turbo image-to-video request' });

export type TurboTextToVideoInput = z.input<typeof turboTextToVideoSchema>;
export type TurboImageToVideoInput = z.input<typeof turboImageToVideoSchema>;
