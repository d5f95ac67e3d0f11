// The JSON Schema of the shot-file format for `contributes.jsonValidation`, generated from the
// same zod sources (scripts/gen-schema.ts writes schemas/kling-shot.schema.json).
import { z } from 'zod';
import { ENDPOINT_IDS, ENDPOINTS, inferredIdFor, schemaFor, type EndpointEntry } from './registry';

/** Entries grouped by the request schema they share (one shot-file variant each), in registry order. */
function bySchema(): [z.ZodObject, readonly EndpointEntry[]][] {
  const groups = new Map<z.ZodObject, EndpointEntry[]>();
  for (const e of ENDPOINTS) groups.set(e.schema, [...(groups.get(e.schema) ?? []), e]);
  return [...groups];
}

/** Ids first, then aliases, so the enum reads like the registry. */
function endpointNames(entries: readonly EndpointEntry[]): [string, ...string[]] {
  return [...entries.map(e => e.id), ...entries.flatMap(e => e.aliases)] as [string, ...string[]];
}

/** The ids a file without `endpoint` can mean: only their variants may leave the key out. */
function inferableIds(): Set<string> {
  return new Set(ENDPOINTS.map(e => inferredIdFor(e.kind)).filter((id): id is string => id !== undefined));
}

export function shotFileSchema() {
  const inferable = inferableIds();
  return z
    .union(
      bySchema().map(([schema, entries]) => {
        const names = z.enum(endpointNames(entries));
        // A variant that a file without `endpoint` never means (O3 text-to-video, turbo, Kling 4.0…)
        // requires the key: else a V3 file's mistake (a numeric duration) would pass as that variant.
        const endpoint = entries.some(e => inferable.has(e.id)) ? names.optional() : names;
        return schema.extend({
          $schema: z.string().optional().meta({ description: 'JSON Schema of the shot file (editor support only; never sent).' }),
          cast: z.array(z.string()).optional().meta({
            title: 'Cast',
            description:
              "Members of a *.kling-cast.json in this folder or above, by name (never sent): they become elements after the shot's own, and prompts say @Name.",
          }),
          endpoint: endpoint.meta({
            title: 'Endpoint',
            description: `fal endpoint id or alias (never sent). When absent it is inferred: character_orientation or image_url + video_url → motion-control, start_image_url → image-to-video, image_urls → reference-to-video (O3), otherwise text-to-video; tier pro. Known ids: ${ENDPOINT_IDS.join(', ')}.`,
          }),
        });
      }) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
    )
    .meta({
      title: 'Kling Studio shot file',
      description:
        'A Kling request body for fal.ai (Kling 3.0, O3, 3.0 turbo, 4.0 or create-voice), plus optional "$schema" and "endpoint".',
    });
}

/**
 * Every optional property also accepts null: fal's examples send null for fields they leave out,
 * and Kling Studio treats null as absent (absent.ts), so the published schema must agree.
 */
function allowNullWhenOptional(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowNullWhenOptional);
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record<string, unknown>;
  for (const v of Object.values(obj)) allowNullWhenOptional(v);
  const props = obj.properties as Record<string, Record<string, unknown>> | undefined;
  if (typeof props !== 'object' || props === null) return;
  const required = new Set(Array.isArray(obj.required) ? (obj.required as string[]) : []);
  for (const [key, schema] of Object.entries(props)) {
    if (required.has(key) || key === '$schema' || key === 'endpoint' || key === 'cast') continue;
    const { title, description, default: dflt, ...rest } = schema;
    props[key] = {
      ...(title !== undefined && { title }),
      ...(description !== undefined && { description }),
      ...(dflt !== undefined && { default: dflt }),
      anyOf: [rest, { type: 'null' }],
    };
  }
}

/** The editor's text ids (field-text.ts) are no JSON Schema keyword: the published file leaves them out. */
function withoutTextIds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(withoutTextIds);
  if (typeof node !== 'object' || node === null) return;
  delete (node as Record<string, unknown>).textId;
  Object.values(node).forEach(withoutTextIds);
}

export function shotJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(shotFileSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  allowNullWhenOptional(schema);
  withoutTextIds(schema);
  return schema;
}

/** One endpoint's request-body schema (by id, alias or bare kind), for field metadata and docs. */
export function endpointJsonSchema(endpoint: string): Record<string, unknown> {
  return z.toJSONSchema(schemaFor(endpoint), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
