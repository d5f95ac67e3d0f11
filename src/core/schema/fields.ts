// Field builders shared by the endpoint schemas. Limits follow fal's published input types for the V3 endpoints;
// descriptions are ours, written for hovers and the editor's labels.
import { z } from 'zod';

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
  z.string().max(PROMPT_MAX).meta({
    title: 'Prompt',
    description: 'What happens in the clip. Refer to elements as @Element1, @Element2, … Use either this or multi_prompt, not both.',
  });

export const duration = () =>
  z.enum(TOTAL_DURATIONS).default('5').meta({
    title: 'Duration (s)',
    description:
      'Length of the whole clip in seconds, written as a string ("3"…"15"). With multi_prompt it must equal the sum of the shot durations.',
  });

export const shot = () =>
  z
    .object({
      prompt: z.string().min(1).max(SHOT_PROMPT_MAX).meta({
        title: 'Shot prompt',
        description: 'What happens in this shot (up to 512 characters).',
      }),
      duration: z.enum(SHOT_DURATIONS).default('5').meta({
        title: 'Shot duration (s)',
        description: 'Length of this shot in seconds, as a string ("1"…"15").',
      }),
    })
    .meta({ title: 'Shot', description: 'One shot of a multi-shot storyboard.' });

export const multiPrompt = () =>
  z.array(shot()).min(1).max(MAX_SHOTS).meta({
    title: 'Storyboard (multi_prompt)',
    description:
      'Splits the clip into up to 6 shots, each with its own prompt and duration. Replaces prompt; the shot durations must add up to duration (3–15 s).',
  });

export const generateAudio = () =>
  z.boolean().default(true).meta({
    title: 'Generate audio',
    description:
      'Generate a native soundtrack (speech in English or Chinese; other languages come out in English). Audio costs more per second.',
  });

export const shotType = () =>
  z.enum(SHOT_TYPES).default('customize').meta({
    title: 'Shot type',
    description:
      '"customize" follows your storyboard; "intelligent" lets the model decide the shot structure. Use "customize" with multi_prompt.',
  });

export const aspectRatio = () =>
  z.enum(ASPECT_RATIOS).default('16:9').meta({
    title: 'Aspect ratio',
    description: 'Frame shape of the generated clip.',
  });

export const negativePrompt = () =>
  z.string().max(PROMPT_MAX).default(DEFAULT_NEGATIVE_PROMPT).meta({
    title: 'Negative prompt',
    description: 'What the model should avoid (up to 2500 characters).',
  });

export const cfgScale = () =>
  z.number().min(0).max(1).default(0.5).meta({
    title: 'CFG scale',
    description: 'How strictly the model follows the prompt: 0 is loose, 1 is strict.',
  });

const IMAGE_LIMITS = 'An https: URL or a path relative to this file; at most 10 MB, at least 300×300 px, aspect ratio 0.4–2.5.';

export const imageUrl = (title: string, what: string) =>
  z.string().meta({
    title,
    description: `${what} ${IMAGE_LIMITS}`,
  });

export const referenceImageUrls = (min: number) =>
  z
    .array(imageUrl('Reference image', 'Another view of the element.'))
    .min(min)
    .max(3)
    .meta({
      title: 'Reference images',
      description:
        min > 0
          ? 'One to three more views of the element (same image limits as the frontal image).'
          : 'Up to three more views of the face (same image limits as the frontal image).',
    });
