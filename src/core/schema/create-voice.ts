// fal's `CreateVoiceInput`: one voice sample, answered with a `voice_id` that elements can bind
// (`elements[].voice_id` on V3 image-to-video and O3 reference-to-video).
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';

export const createVoiceSchema = z
  .object({
    voice_url: z.string().meta(
      fieldMeta('voiceSample', () => ({
        title: l10n.t('Voice sample'),
        description: l10n.t(
          'The voice to copy (required): an MP3 or WAV clip, or an MP4 or MOV video, 5–30 s of clean speech by one voice. An https: URL or a path relative to this file.',
        ),
      })),
    ),
  })
  .meta({ title: 'Kling create-voice request' });

export type CreateVoiceInput = z.input<typeof createVoiceSchema>;
