import { z } from 'zod';
import * as f from './fields';

export const faceElementSchema = z
  .object({
    frontal_image_url: f.imageUrl('Frontal image', 'Front view of the face to keep consistent.').optional(),
    reference_image_urls: f.referenceImageUrls(0).optional(),
  })
  .meta({
    title: 'Face element',
    description: 'Keeps a face consistent; referenced as @Element1. Only with character_orientation "video".',
  });

export const motionControlSchema = z
  .object({
    image_url: f.imageUrl(
      'Character image',
      'The character and background to animate (required). Body clearly visible, not occluded, over 5% of the frame.',
    ),
    video_url: z.string().meta({
      title: 'Motion reference video',
      description:
        'The video whose motion is transferred (required): a realistic character, full or upper body with head visible. At most 10 s with orientation "image", 30 s with "video".',
    }),
    character_orientation: z.enum(f.ORIENTATIONS).meta({
      title: 'Character orientation',
      description:
        '"image" keeps the orientation of the image (camera moves; video ≤ 10 s); "video" follows the video (complex motion; video ≤ 30 s). Required.',
    }),
    keep_original_sound: z.boolean().default(true).meta({
      title: 'Keep original sound',
      description: "Keep the reference video's audio in the result.",
    }),
    prompt: f.prompt().optional(),
    elements: z
      .array(faceElementSchema)
      .max(1)
      .meta({
        title: 'Face element',
        description: 'At most one face element, referenced as @Element1; only with character_orientation "video".',
      })
      .optional(),
  })
  .meta({ title: 'Kling V3 motion-control request' });

export type MotionControlInput = z.input<typeof motionControlSchema>;
