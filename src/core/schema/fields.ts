// Field builders shared by the endpoint schemas. Limits follow fal's published input types for the V3 endpoints;
// titles and descriptions are ours, written for hovers and the editor's labels (see field-text.ts).
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta, type FieldTexts } from '../field-text';

export const TOTAL_DURATIONS = ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15'] as const;
/** Per-shot durations widened to "1"…"15" in fal's 2026-04 types. */
export const SHOT_DURATIONS = ['1', '2', ...TOTAL_DURATIONS] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export const SHOT_TYPES = ['customize', 'intelligent'] as const;
export const ORIENTATIONS = ['image', 'video'] as const;

export const PROMPT_MAX = 2500;
export const SHOT_PROMPT_MAX = 512;
export const MAX_SHOTS = 6;
export const MIN_TOTAL_SECONDS = 3;
export const MAX_TOTAL_SECONDS = 15;
/** fal's `duration` when none is given, and a shot's. */
export const DEFAULT_SECONDS = 5;
export const DEFAULT_NEGATIVE_PROMPT = 'blur, distort, and low quality';

export const prompt = () =>
  z
    .string()
    .max(PROMPT_MAX)
    .meta(
      fieldMeta('prompt', () => ({
        title: l10n.t('Prompt'),
        description: l10n.t(
          'What happens in the clip. Refer to elements as @Element1, @Element2, … Use either this or multi_prompt, not both.',
        ),
      })),
    );

export const duration = () =>
  z
    .enum(TOTAL_DURATIONS)
    .default('5')
    .meta(
      fieldMeta('duration', () => ({
        title: l10n.t('Duration (s)'),
        description: l10n.t(
          'Length of the whole clip in seconds, written as a string ("3"…"15"). With multi_prompt it must equal the sum of the shot durations.',
        ),
      })),
    );

export const shot = () =>
  z
    .object({
      prompt: z
        .string()
        .min(1)
        .max(SHOT_PROMPT_MAX)
        .meta(
          fieldMeta('shotPrompt', () => ({
            title: l10n.t('Shot prompt'),
            description: l10n.t('What happens in this shot (up to 512 characters).'),
          })),
        ),
      duration: z
        .enum(SHOT_DURATIONS)
        .default('5')
        .meta(
          fieldMeta('shotDuration', () => ({
            title: l10n.t('Shot duration (s)'),
            description: l10n.t('Length of this shot in seconds, as a string ("1"…"15").'),
          })),
        ),
    })
    .meta({ title: 'Shot', description: 'One shot of a multi-shot storyboard.' });

export const multiPrompt = () =>
  z
    .array(shot())
    .min(1)
    .max(MAX_SHOTS)
    .meta(
      fieldMeta('multiPrompt', () => ({
        title: l10n.t('Storyboard (multi_prompt)'),
        description: l10n.t(
          'Splits the clip into up to 6 shots, each with its own prompt and duration. Replaces prompt; the shot durations must add up to duration (3–15 s).',
        ),
      })),
    );

/** V3 generates sound unless told not to; O3 stays silent unless asked (`on` false). */
export const generateAudio = (on = true) =>
  z
    .boolean()
    .default(on)
    .meta(
      fieldMeta('generateAudio', () => ({
        title: l10n.t('Generate audio'),
        description: l10n.t(
          'Generate a native soundtrack (speech in English or Chinese; other languages come out in English). Audio costs more per second.',
        ),
      })),
    );

export const shotType = () =>
  z
    .enum(SHOT_TYPES)
    .default('customize')
    .meta(
      fieldMeta('shotType', () => ({
        title: l10n.t('Shot type'),
        description: l10n.t(
          '"customize" follows your storyboard; "intelligent" lets the model decide the shot structure. Use "customize" with multi_prompt.',
        ),
      })),
    );

export const aspectRatio = () =>
  z
    .enum(ASPECT_RATIOS)
    .default('16:9')
    .meta(fieldMeta('aspectRatio', () => ({ title: l10n.t('Aspect ratio'), description: l10n.t('Frame shape of the generated clip.') })));

export const negativePrompt = () =>
  z
    .string()
    .max(PROMPT_MAX)
    .default(DEFAULT_NEGATIVE_PROMPT)
    .meta(
      fieldMeta('negativePrompt', () => ({
        title: l10n.t('Negative prompt'),
        description: l10n.t('What the model should avoid (up to 2500 characters).'),
      })),
    );

export const cfgScale = () =>
  z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .meta(
      fieldMeta('cfgScale', () => ({
        title: l10n.t('CFG scale'),
        description: l10n.t('How strictly the model follows the prompt: 0 is loose, 1 is strict.'),
      })),
    );

/** A local path or https: URL of an image; its description says the image limits, each in a sentence of its own. */
export const imageUrl = (textId: string, texts: () => FieldTexts) => z.string().meta(fieldMeta(textId, texts));

/** `min` 1: an element's further views; 0: a face element's. */
export const referenceImageUrls = (min: 0 | 1) =>
  z
    .array(
      imageUrl('referenceImage', () => ({
        title: l10n.t('Reference image'),
        description: l10n.t(
          'Another view of the element. An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.',
        ),
      })),
    )
    .min(min)
    .max(3)
    .meta(
      min > 0
        ? fieldMeta('elementReferenceImages', () => ({
            title: l10n.t('Reference images'),
            description: l10n.t('One to three more views of the element (same image limits as the frontal image).'),
          }))
        : fieldMeta('faceReferenceImages', () => ({
            title: l10n.t('Reference images'),
            description: l10n.t('Up to three more views of the face (same image limits as the frontal image).'),
          })),
    );
