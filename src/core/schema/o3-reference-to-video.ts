// Kling O3 (Omni) reference-to-video, fal's `O3…ReferenceVideoI2VInput` (standard, pro and 4k).
// The prompt names elements (@Element1) and reference images (@Image1). fal's prose caps elements
// plus images ("4 total when using video"; its 4k page says 7) but its schema sets no maximum,
// so the schema here sets none either.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';
import { comboElementSchema } from './image-to-video';

export const o3ReferenceToVideoSchema = z
  .object({
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    start_image_url: f
      .imageUrl('referenceStartImage', () => ({
        title: l10n.t('Start image'),
        description: l10n.t('Optional first frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    end_image_url: f
      .imageUrl('referenceEndImage', () => ({
        title: l10n.t('End image'),
        description: l10n.t('Optional last frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    image_urls: z
      .array(
        f.imageUrl('styleImage', () => ({
          title: l10n.t('Reference image'),
          description: l10n.t('An image for style or appearance. An https: URL or a path relative to this file.'),
        })),
      )
      .meta(
        fieldMeta('styleImages', () => ({
          title: l10n.t('Reference images'),
          description: l10n.t(
            'Images for style and appearance, referenced in prompts as @Image1, @Image2, … fal allows at most 4 elements and images together when one element is a video.',
          ),
        })),
      )
      .optional(),
    elements: z
      .array(comboElementSchema)
      .meta(
        fieldMeta('referenceElements', () => ({
          title: l10n.t('Elements'),
          description: l10n.t(
            'Characters or objects to include, referenced in prompts as @Element1, @Element2, … Only one element per request may be a video.',
          ),
        })),
      )
      .optional(),
    generate_audio: f.generateAudio(false),
    duration: f.duration(),
    shot_type: f.shotType(),
    aspect_ratio: f.aspectRatio(),
  })
  .meta({ title: 'Kling O3 reference-to-video request' });

export type O3ReferenceToVideoInput = z.input<typeof o3ReferenceToVideoSchema>;
