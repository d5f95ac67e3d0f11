// Field metadata for hovers and the custom editor's form, read from the generated JSON Schema of
// each endpoint so labels, enums, ranges and defaults cannot drift from the zod source.
import { ENDPOINT_KINDS } from './registry';
import { endpointJsonSchema } from './json-schema';
import { fieldTexts } from './field-text';
import type { EndpointKind, JsonPath } from './types';

export interface FieldInfo {
  /** `aspect_ratio`, `multi_prompt[].duration`, `elements[].reference_image_urls[]`. */
  key: string;
  /** Last path segment (the JSON key), '' for array items. */
  name: string;
  label: string;
  description: string;
  type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  required: boolean;
  default?: unknown;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  /** Media fields take an https: URL or a local path. */
  media?: 'image' | 'video';
}

type JsonSchemaNode = Record<string, unknown> & {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  required?: string[];
};

const VIDEO_FIELDS = new Set(['video_url', 'elements[].video_url']);
const IMAGE_FIELDS = new Set([
  'start_image_url',
  'end_image_url',
  'image_url',
  'elements[].frontal_image_url',
  'elements[].reference_image_urls[]',
]);

function collect(node: JsonSchemaNode, prefix: string, out: FieldInfo[]): void {
  const required = new Set(node.required ?? []);
  for (const [name, prop] of Object.entries(node.properties ?? {})) {
    const key = prefix ? `${prefix}.${name}` : name;
    out.push(info(key, name, prop, required.has(name)));
    descend(prop, key, out);
  }
}

function descend(prop: JsonSchemaNode, key: string, out: FieldInfo[]): void {
  if (prop.type === 'array' && prop.items) {
    const itemKey = `${key}[]`;
    if (prop.items.type === 'object') collect(prop.items, itemKey, out);
    else out.push(info(itemKey, '', prop.items, true));
  }
}

function info(key: string, name: string, s: JsonSchemaNode, required: boolean): FieldInfo {
  const label = typeof s.title === 'string' ? s.title : name;
  const description = typeof s.description === 'string' ? s.description : '';
  const f = { key, name } as FieldInfo;
  // Translated on each read: this table is built when the module loads, before activate() gives
  // @vscode/l10n its bundle. Enumerable, so the copy posted to the shot editor carries the text.
  Object.defineProperty(f, 'label', { enumerable: true, get: () => fieldTexts(s.textId)?.title ?? label });
  Object.defineProperty(f, 'description', { enumerable: true, get: () => fieldTexts(s.textId)?.description ?? description });
  f.type = (s.type as FieldInfo['type']) ?? 'string';
  f.required = required;
  if ('default' in s) f.default = s.default;
  if (Array.isArray(s.enum)) f.enum = Object.freeze(s.enum.map(String));
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (typeof s[k] === 'number') f[k] = s[k] as number;
  }
  if (VIDEO_FIELDS.has(key)) f.media = 'video';
  else if (IMAGE_FIELDS.has(key)) f.media = 'image';
  return Object.freeze(f);
}

function build(kind: EndpointKind): readonly FieldInfo[] {
  const out: FieldInfo[] = [];
  collect(endpointJsonSchema(kind) as JsonSchemaNode, '', out);
  return Object.freeze(out);
}

/** Every field of every endpoint, in schema order (top-level fields first within each object). */
export const FIELD_INFO: Readonly<Record<EndpointKind, readonly FieldInfo[]>> = Object.freeze(
  Object.fromEntries(ENDPOINT_KINDS.map(k => [k, build(k)])) as Record<EndpointKind, readonly FieldInfo[]>,
);

const INDEX: Readonly<Record<EndpointKind, ReadonlyMap<string, FieldInfo>>> = Object.freeze(
  Object.fromEntries(ENDPOINT_KINDS.map(k => [k, new Map(FIELD_INFO[k].map(f => [f.key, f]))])) as unknown as Record<
    EndpointKind,
    ReadonlyMap<string, FieldInfo>
  >,
);

/** `['multi_prompt', 2, 'duration']` → `multi_prompt[].duration`. */
export function fieldKey(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? '[]' : s === '' ? seg : `.${seg}`;
  return s;
}

export function fieldInfo(kind: EndpointKind, path: JsonPath | string): FieldInfo | undefined {
  return INDEX[kind].get(typeof path === 'string' ? path : fieldKey(path));
}
