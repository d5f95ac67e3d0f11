// Kling 4.0 on fal: text-, image- and reference-to-video and video-to-video edit, from fal's
// llms.txt pages for `kling/v4/<kind>` (late 2026). Unlike V3 and O3: `duration` is an integer
// (3–30, default 5), `resolution` (720p / 1080p) is in the body rather than the endpoint, sound is
// always on (no switch), and a storyboard's shots carry integer durations that sum to the clip's.
// Where the pages show no limit (prompt length, shot count) the schema sets none.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from './fields';

export const V4_MIN_SECONDS = 3;
export const V4_MAX_SECONDS = 30;
export const V4_RESOLUTIONS = ['720p', '1080p'] as const;
export const V4_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '21:9'] as const;
/** fal: "Ordered keyframes between the first and last frames (max 8)". */
export const V4_MAX_KEYFRAMES = 8;

export const prompt = () =>
  z.string().meta(
    fieldMeta('v4Prompt', () => ({
      title: l10n.t('Prompt'),
      description: l10n.t('What happens in the clip. Refer to inputs as @Image1, @Video1, @Element1, … Use either this or multi_prompt.'),
    })),
  );

export const duration = () =>
  z
    .number()
    .int()
    .min(V4_MIN_SECONDS)
    .max(V4_MAX_SECONDS)
    .default(5)
    .meta(
      fieldMeta('v4Duration', () => ({
        title: l10n.t('Duration (s)'),
        description: l10n.t(
          'Length of the whole clip in whole seconds, written as a number (3…30). With multi_prompt it must equal the sum of the shot durations.',
        ),
      })),
    );

const shot = () =>
  z
    .object({
      prompt: z
        .string()
        .min(1)
        .meta(fieldMeta('v4ShotPrompt', () => ({ title: l10n.t('Shot prompt'), description: l10n.t('What happens in this shot.') }))),
      duration: z
        .number()
        .int()
        .min(1)
        .max(V4_MAX_SECONDS)
        .default(5)
        .meta(
          fieldMeta('v4ShotDuration', () => ({
            title: l10n.t('Shot duration (s)'),
            description: l10n.t('Length of this shot in whole seconds, as a number (1…30).'),
          })),
        ),
    })
    .meta({ title: 'Kling 4.0 shot', description: 'One shot of a multi-shot storyboard.' });

export const multiPrompt = () =>
  z
    .array(shot())
    .min(1)
    .meta(
      fieldMeta('v4MultiPrompt', () => ({
        title: l10n.t('Storyboard (multi_prompt)'),
        description: l10n.t(
          'Per-shot prompts, each with its own duration. Replaces prompt; the video is as long as its shots together (3–30 s).',
        ),
      })),
    );

export const resolution = () =>
  z
    .enum(V4_RESOLUTIONS)
    .default('720p')
    .meta(
      fieldMeta('v4Resolution', () => ({
        title: l10n.t('Resolution'),
        description: l10n.t('720p or 1080p. 1080p costs more per second.'),
      })),
    );

export const aspectRatio = () =>
  z
    .enum(V4_ASPECT_RATIOS)
    .default('16:9')
    .meta(fieldMeta('v4AspectRatio', () => ({ title: l10n.t('Aspect ratio'), description: l10n.t('Frame shape of the generated clip.') })));

export const imageList = (textId: string, texts: () => { title: string; description: string }) =>
  z
    .array(
      f.imageUrl('v4Image', () => ({
        title: l10n.t('Image'),
        description: l10n.t('An https: URL or a path relative to this file.'),
      })),
    )
    .meta(fieldMeta(textId, texts));

export const v4TextToVideoSchema = z
  .object({
    prompt: prompt().optional(),
    multi_prompt: multiPrompt().optional(),
    duration: duration(),
    resolution: resolution(),
    aspect_ratio: aspectRatio(),
  })
  .meta({ title: 'Kling 4.0 text-to-video request' });

export const v4ImageToVideoSchema = z
  .object({
    prompt: prompt().optional(),
    start_image_url: f.imageUrl('v4StartImage', () => ({
      title: l10n.t('Start image'),
      description: l10n.t(
        'First frame of the clip (required). An https: URL or a path relative to this file; at most 30 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
      ),
    })),
    middle_image_urls: imageList('v4Keyframes', () => ({
      title: l10n.t('Keyframes'),
      description: l10n.t('Ordered keyframes between the first and last frames, at most 8.'),
    }))
      .max(V4_MAX_KEYFRAMES)
      .optional(),
    end_image_url: f
      .imageUrl('v4EndImage', () => ({
        title: l10n.t('End image'),
        description: l10n.t('Optional last frame of the clip. An https: URL or a path relative to this file.'),
      }))
      .optional(),
    multi_prompt: multiPrompt().optional(),
    duration: duration(),
    resolution: resolution(),
  })
  .meta({ title: 'Kling 4.0 image-to-video request' });

export type V4TextToVideoInput = z.input<typeof v4TextToVideoSchema>;
export type V4ImageToVideoInput = z.input<typeof v4ImageToVideoSchema>;
