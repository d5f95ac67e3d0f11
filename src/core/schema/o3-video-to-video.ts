// Kling O3 (Omni) video-to-video, fal's `O3ProEditVideoV2VInput` and `O3ProReferenceVideoV2VInput`
// (standard and pro share each; fal has no O3 4k video-to-video in its endpoint map). The prompt
// is required and names the input video as @Video1; elements are image sets only (no video, no
// voice_id). fal's schema says the input video may be 3–15 s and 720–3840 px; its older types and
// its pro edit page still say 3–10 s and 720–2160 px, so the media check takes the schema's limits
// and warns beyond the older ones (see registry/o3.ts). `shot_type` is a free string here.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';

export const V2V_ASPECT_RATIOS = ['auto', '16:9', '9:16', '1:1'] as const;

/** An image element: frontal image plus 1–3 references (fal's `KlingV3ImageElementInput`). */
export const imageElementSchema = z
  .object({
    frontal_image_url: f
      .imageUrl('v2vElementFrontalImage', () => ({
        title: l10n.t('Frontal image'),
        description: l10n.t(
          'Main, front-facing view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      }))
      .optional(),
    reference_image_urls: f.referenceImageUrls(1).optional(),
  })
  .meta({
    title: 'Image element',
    description: 'A character or object given as images, referred to as @Element1, @Element2, … Video elements are not taken here.',
  });

const sourceVideo = () =>
  z.string().meta(
    fieldMeta('v2vSourceVideo', () => ({
      title: l10n.t('Input video'),
      description: l10n.t(
        'The video to work from (required), referred to as @Video1. MP4 or MOV; an https: URL or a path relative to this file; 3–15 s, 720–3840 px per side, at most 200 MB (fal’s older limits were 3–10 s and 720–2160 px).',
      ),
    })),
  );

const keepAudio = () =>
  z
    .boolean()
    .default(true)
    .meta(
      fieldMeta('keepAudio', () => ({
        title: l10n.t('Keep audio'),
        description: l10n.t("Keep the input video's sound in the result."),
      })),
    );

const styleImages = () =>
  z
    .array(
      f.imageUrl('v2vStyleImage', () => ({
        title: l10n.t('Reference image'),
        description: l10n.t('An image for style or appearance. An https: URL or a path relative to this file.'),
      })),
    )
    .meta(
      fieldMeta('v2vStyleImages', () => ({
        title: l10n.t('Reference images'),
        description: l10n.t(
          'Images for style and appearance, referred to as @Image1, @Image2, … fal allows at most 4 elements and images together with a video.',
        ),
      })),
    );

const imageElements = () =>
  z.array(imageElementSchema).meta(
    fieldMeta('v2vElements', () => ({
      title: l10n.t('Elements'),
      description: l10n.t('Characters or objects given as images, referred to as @Element1, @Element2, … (image elements only).'),
    })),
  );

const freeShotType = () =>
  z
    .string()
    .default('customize')
    .meta(
      fieldMeta('v2vShotType', () => ({
        title: l10n.t('Shot type'),
        description: l10n.t('The type of multi-shot generation; fal’s schema takes any string here, "customize" by default.'),
      })),
    );

const v2vPrompt = () =>
  z
    .string()
    .max(f.PROMPT_MAX)
    .meta(
      fieldMeta('v2vPrompt', () => ({
        title: l10n.t('Prompt'),
        description: l10n.t(
          'What to change (required). Refer to the input video as @Video1, to images as @Image1 and to elements as @Element1.',
        ),
      })),
    );

export const o3VideoEditSchema = z
  .object({
    prompt: v2vPrompt(),
    video_url: sourceVideo(),
    image_urls: styleImages().optional(),
    keep_audio: keepAudio(),
    elements: imageElements().optional(),
    shot_type: freeShotType(),
  })
  .meta({ title: 'Kling O3 video-to-video edit request' });

// Reference is edit's body plus the new clip's shape.
export const o3VideoReferenceSchema = o3VideoEditSchema
  .extend({
    aspect_ratio: z
      .enum(V2V_ASPECT_RATIOS)
      .default('auto')
      .meta(
        fieldMeta('v2vAspectRatio', () => ({
          title: l10n.t('Aspect ratio'),
          description: l10n.t('Frame shape of the new clip; "auto" follows the input video.'),
        })),
      ),
    // fal gives no default; without one the clip is priced and checked at fal's usual 5 s.
    duration: z
      .enum(f.TOTAL_DURATIONS)
      .optional()
      .meta(
        fieldMeta('v2vDuration', () => ({
          title: l10n.t('Duration (s)'),
          description: l10n.t('Length of the new clip in seconds, as a string ("3"…"15").'),
        })),
      ),
  })
  .meta({ title: 'Kling O3 video-to-video reference request' });

export type O3VideoEditInput = z.input<typeof o3VideoEditSchema>;
export type O3VideoReferenceInput = z.input<typeof o3VideoReferenceSchema>;
