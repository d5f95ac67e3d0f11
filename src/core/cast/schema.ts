// The cast file (`*.kling-cast.json`): named members, each an element (images or a video) with an
// optional voice. One zod source feeds the cast file's checks, schemas/kling-cast.schema.json and
// completion, as the request schemas do for shot files.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { fieldMeta } from '../field-text';
import * as f from '../schema/fields';

/** What `@Name` may say: letters, digits and `_`, starting with a letter. */
export const CAST_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** fal's own prompt references: a member named so would be read as one of them. */
export const RESERVED_NAME = /^(Element|Image|Video)\d+$/;

export const CAST_MEMBER_KEYS = ['description', 'frontal_image_url', 'reference_image_urls', 'video_url', 'voice_url', 'voice_id'] as const;

export const castMemberSchema = z
  .object({
    description: z
      .string()
      .meta(
        fieldMeta('castDescription', () => ({
          title: l10n.t('Description'),
          description: l10n.t('Who or what the member is, for you and your collaborators (never sent).'),
        })),
      )
      .optional(),
    frontal_image_url: f
      .imageUrl('castFrontalImage', () => ({
        title: l10n.t('Frontal image'),
        description: l10n.t(
          'Main, front-facing view. An https: URL or a path relative to this cast file; at most 10 MB, at least 300×300 px.',
        ),
      }))
      .optional(),
    reference_image_urls: f.referenceImageUrls(1).optional(),
    video_url: z
      .string()
      .meta(
        fieldMeta('castVideo', () => ({
          title: l10n.t('Element video'),
          description: l10n.t('A video of the member instead of images: an https: URL or a path relative to this cast file; 3–10 s.'),
        })),
      )
      .optional(),
    voice_url: z
      .string()
      .meta(
        fieldMeta('castVoiceSample', () => ({
          title: l10n.t('Voice sample'),
          description: l10n.t(
            'A 5–30 s sample of the member speaking (MP3, WAV, MP4 or MOV), relative to this cast file. A voice is made from it once, on first use.',
          ),
        })),
      )
      .optional(),
    voice_id: z
      .string()
      .meta(
        fieldMeta('castVoiceId', () => ({
          title: l10n.t('Voice id'),
          description: l10n.t('A voice already made with create-voice; use it or voice_url, not both.'),
        })),
      )
      .optional(),
  })
  .meta({ title: 'Cast member', description: 'A character or object: frontal and reference images, or a video; and a voice.' });

export const castFileSchema = z
  .object({
    $schema: z.string().optional().meta({ description: 'JSON Schema of the cast file (editor support only).' }),
    members: z
      .record(z.string().regex(CAST_NAME), castMemberSchema)
      .meta({ title: 'Members', description: 'Members by name; shots list them in "cast" and say @Name in prompts.' }),
  })
  .meta({ title: 'Kling Studio cast file', description: 'Named characters and objects, defined once for every shot below this folder.' });

export type CastMemberInput = z.input<typeof castMemberSchema>;

/** The published JSON Schema of cast files (scripts/gen-schema.ts writes it). */
export function castJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(castFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const strip = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(strip);
    if (typeof node !== 'object' || node === null) return;
    delete (node as Record<string, unknown>).textId;
    Object.values(node).forEach(strip);
  };
  strip(schema);
  return schema;
}
