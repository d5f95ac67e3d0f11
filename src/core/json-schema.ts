// The JSON Schema of the shot-file format for `contributes.jsonValidation`, generated from the
// same zod sources (scripts/gen-schema.ts writes schemas/kling-shot.schema.json).
import { z } from 'zod';
import { ENDPOINT_ALIASES, ENDPOINT_IDS, ENDPOINT_KINDS, ENDPOINTS, SCHEMAS } from './schema/endpoints';
import type { EndpointKind } from './types';

function endpointNames(kind: EndpointKind): [string, ...string[]] {
  const ids = ENDPOINTS.filter(e => e.kind === kind).map(e => e.id);
  const aliases = Object.keys(ENDPOINT_ALIASES).filter(a => ids.includes(ENDPOINT_ALIASES[a]!));
  return [...ids, ...aliases] as [string, ...string[]];
}

export function shotFileSchema() {
  return z
    .union(
      ENDPOINT_KINDS.map(kind =>
        SCHEMAS[kind].extend({
          $schema: z.string().optional().meta({ description: 'JSON Schema of the shot file (editor support only; never sent).' }),
          endpoint: z
            .enum(endpointNames(kind))
            .optional()
            .meta({
              title: 'Endpoint',
              description: `fal endpoint id or alias (never sent). When absent it is inferred: character_orientation or image_url + video_url → motion-control, start_image_url → image-to-video, otherwise text-to-video; tier pro. Known ids: ${ENDPOINT_IDS.join(', ')}.`,
            }),
        }),
      ) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
    )
    .meta({
      title: 'Kling Studio shot file',
      description: 'A Kling V3 request body for fal.ai, plus optional "$schema" and "endpoint".',
    });
}

export function shotJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(shotFileSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** One endpoint's request-body schema, for field metadata and docs. */
export function endpointJsonSchema(kind: EndpointKind): Record<string, unknown> {
  return z.toJSONSchema(SCHEMAS[kind], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
