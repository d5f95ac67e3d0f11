// Kling 4.0 reference-to-video and video-to-video edit, from fal's llms.txt pages for
// `kling/v4/reference-to-video` and `kling/v4/video-to-video/edit` (late 2026; both pages still
// say "API access is coming soon"). The prompt names its inputs: images as @Image1…, videos as
// @Video1…, elements as @Element1…. Reference videos and the edited video share one set of limits
// (registry/v4.ts, V4_INPUT_VIDEO). fal's pages show no maximum count for images, videos or
// elements, so the schema sets none.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';
import { aspectRatio, duration, imageList, multiPrompt, prompt, resolution } from './v4';

/** An element: an image set (frontal + references) or a video; fal's v4 pages bind no voice to it. */
export const v4ElementSchema = z
  .object({
    frontal_image_url: f
      .imageUrl('v4ElementFrontalImage', () => ({
        title: l10n.t('Frontal image'),
        description: l10n.t(
          'Main, front-facing view of the element. An https: URL or a path relative to this file; at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      }))
      .optional(),
    reference_image_urls: f.referenceImageUrls(1).optional(),
    video_url: z
      .string()
      .meta(
        fieldMeta('v4ElementVideo', () => ({
          title: l10n.t('Element video'),
          description: l10n.t(
            'A video of the element instead of images: https: URL or relative path; 3–30 s, 700–4553 px per side, aspect ratio 0.4–2.5, 24–60 fps, at most 300 MB.',
          ),
        })),
      )
      .optional(),
  })
  .meta({
    title: 'Kling 4.0 element',
    description: 'A character or object given as images or as a video, referred to as @Element1, @Element2, …',
  });

const referenceImages = () =>
  imageList('v4ReferenceImages', () => ({
    title: l10n.t('Reference images'),
    description: l10n.t('Images of subjects, places or style, referred to in the prompt as @Image1, @Image2, … in this order.'),
  }));

export const v4ReferenceToVideoSchema = z
  .object({
    prompt: prompt().optional(),
    multi_prompt: multiPrompt().optional(),
    start_image_url: f
      .imageUrl('v4ReferenceStartImage', () => ({
        title: l10n.t('Start image'),
        description: l10n.t('Optional first frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    end_image_url: f
      .imageUrl('v4ReferenceEndImage', () => ({
        title: l10n.t('End image'),
        description: l10n.t('Optional last frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    image_urls: referenceImages().optional(),
    video_urls: z
      .array(
        z.string().meta(
          fieldMeta('v4ReferenceVideo', () => ({
            title: l10n.t('Reference video'),
            description: l10n.t(
              'A video for motion, camera or style. An https: URL or a path relative to this file; 3–30 s, 700–4553 px per side, aspect ratio 0.4–2.5, 24–60 fps, at most 300 MB.',
            ),
          })),
        ),
      )
      .meta(
        fieldMeta('v4ReferenceVideos', () => ({
          title: l10n.t('Reference videos'),
          description: l10n.t(
            'Videos referred to in the prompt as @Video1, @Video2, … in this order. With a video in, fal bills input plus output seconds.',
          ),
        })),
      )
      .optional(),
    elements: z
      .array(v4ElementSchema)
      .meta(
        fieldMeta('v4Elements', () => ({
          title: l10n.t('Elements'),
          description: l10n.t('Characters or objects to keep consistent, referred to in the prompt as @Element1, @Element2, …'),
        })),
      )
      .optional(),
    duration: duration(),
    resolution: resolution(),
    aspect_ratio: aspectRatio(),
  })
  .meta({ title: 'Kling 4.0 reference-to-video request' });

export const v4VideoEditSchema = z
  .object({
    prompt: z.string().meta(
      fieldMeta('v4EditPrompt', () => ({
        title: l10n.t('Prompt'),
        description: l10n.t(
          'The edit to make (required). Refer to the input video as @Video1 and to reference images as @Image1, @Image2, …',
        ),
      })),
    ),
    video_url: z.string().meta(
      fieldMeta('v4EditVideo', () => ({
        title: l10n.t('Input video'),
        description: l10n.t(
          'The video to edit (required), referred to as @Video1; the result is as long as it. An https: URL or a path relative to this file; 3–30 s, 700–4553 px per side, aspect ratio 0.4–2.5, 24–60 fps, at most 300 MB.',
        ),
      })),
    ),
    image_urls: referenceImages().optional(),
    resolution: resolution(),
  })
  .meta({ title: 'Kling 4.0 video-to-video edit request' });

export type V4ReferenceToVideoInput = z.input<typeof v4ReferenceToVideoSchema>;
export type V4VideoEditInput = z.input<typeof v4VideoEditSchema>;
