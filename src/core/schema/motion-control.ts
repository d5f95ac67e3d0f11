import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';

export const faceElementSchema = z
  .object({
    frontal_image_url: f
      .imageUrl('faceFrontalImage', () => ({
        title: l10n.t('Frontal image'),
        description: l10n.t(
          'Front view of the face to keep consistent. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      }))
      .optional(),
    reference_image_urls: f.referenceImageUrls(0).optional(),
  })
  .meta({
    title: 'Face element',
    description: 'Keeps a face consistent; referenced as @Element1. Only with character_orientation "video".',
  });

export const motionControlSchema = z
  .object({
    image_url: f.imageUrl('characterImage', () => ({
      title: l10n.t('Character image'),
      description: l10n.t(
        'The character and background to animate (required). Body clearly visible, not occluded, over 5% of the frame. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      ),
    })),
    video_url: z.string().meta(
      fieldMeta('motionVideo', () => ({
        title: l10n.t('Motion reference video'),
        description: l10n.t(
          'The video whose motion is transferred (required): a realistic character, full or upper body with head visible. At most 10 s with orientation "image", 30 s with "video".',
        ),
      })),
    ),
    character_orientation: z.enum(f.ORIENTATIONS).meta(
      fieldMeta('characterOrientation', () => ({
        title: l10n.t('Character orientation'),
        description: l10n.t(
          '"image" keeps the orientation of the image (camera moves; video ≤ 10 s); "video" follows the video (complex motion; video ≤ 30 s). Required.',
        ),
      })),
    ),
    keep_original_sound: z
      .boolean()
      .default(true)
      .meta(
        fieldMeta('keepOriginalSound', () => ({
          title: l10n.t('Keep original sound'),
          description: l10n.t("Keep the reference video's audio in the result."),
        })),
      ),
    prompt: f.prompt().optional(),
    elements: z
      .array(faceElementSchema)
      .max(1)
      .meta(
        fieldMeta('faceElements', () => ({
          title: l10n.t('Face element'),
          description: l10n.t('At most one face element, referenced as @Element1; only with character_orientation "video".'),
        })),
      )
      .optional(),
  })
  .meta({ title: 'Kling V3 motion-control request' });

export type MotionControlInput = z.input<typeof motionControlSchema>;
