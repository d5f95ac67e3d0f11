import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';

/** One element = an image set (frontal + 1–3 references) or one video; checked in rules/elements.ts. */
export const comboElementSchema = z
  .object({
    frontal_image_url: f
      .imageUrl('elementFrontalImage', () => ({
        title: l10n.t('Frontal image'),
        description: l10n.t(
          'Main, front-facing view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      }))
      .optional(),
    reference_image_urls: f.referenceImageUrls(1).optional(),
    video_url: z
      .string()
      .meta(
        fieldMeta('elementVideo', () => ({
          title: l10n.t('Element video'),
          description: l10n.t(
            'A video of the element instead of images: https: URL or relative path; at most 200 MB, 720–2160 px per side, 3–10 s, 24–60 fps. Only one element per request may be a video.',
          ),
        })),
      )
      .optional(),
    voice_id: z
      .string()
      .meta(
        fieldMeta('voiceId', () => ({
          title: l10n.t('Voice id'),
          description: l10n.t('A voice made with fal-ai/kling-video/create-voice, bound to this element (works with video elements).'),
        })),
      )
      .optional(),
  })
  .meta({
    title: 'Element',
    description: 'A character or object kept consistent across the clip; refer to it as @Element1, @Element2, … in prompts.',
  });

export const imageToVideoSchema = z
  .object({
    start_image_url: f.imageUrl('startImage', () => ({
      title: l10n.t('Start image'),
      description: l10n.t(
        'First frame of the clip (required). An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      ),
    })),
    end_image_url: f
      .imageUrl('endImage', () => ({
        title: l10n.t('End image'),
        description: l10n.t(
          'Optional last frame of the clip. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      }))
      .optional(),
    prompt: f.prompt().optional(),
    multi_prompt: f.multiPrompt().optional(),
    duration: f.duration(),
    generate_audio: f.generateAudio(),
    elements: z
      .array(comboElementSchema)
      .meta(
        fieldMeta('elements', () => ({
          title: l10n.t('Elements'),
          description: l10n.t(
            'Characters or objects to keep consistent, referenced in prompts as @Element1, @Element2, … (Kling allows up to 3).',
          ),
        })),
      )
      .optional(),
    shot_type: f.shotType(),
    negative_prompt: f.negativePrompt(),
    cfg_scale: f.cfgScale(),
  })
  .meta({ title: 'Kling V3 image-to-video request' });

export type ImageToVideoInput = z.input<typeof imageToVideoSchema>;
export type ComboElementInput = z.input<typeof comboElementSchema>;
