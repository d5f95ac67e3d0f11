// Field metadata for hovers and the custom editor's form, read from the generated JSON Schema of
// each endpoint so labels, enums, ranges and defaults cannot drift from the zod source.
import { ENDPOINTS, entryFor } from './registry';
import { endpointJsonSchema } from './json-schema';
import { fieldTexts } from './field-text';
import { mediaKindOf } from './rules/media-refs';
import type { z } from 'zod';
import type { EndpointEntry } from './registry';
import type { JsonPath, MediaRole } from './types';

export interface FieldInfo {
  /** `aspect_ratio`, `multi_prompt[].duration`, `elements[].reference_image_urls[]`. */
  key: string;
  /** Last path segment (the JSON key), '' for array items. */
  name: string;
  label: string;
  description: string;
  type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  /** A number that must be whole (the JSON Schema's `integer`). */
  integer?: boolean;
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
  media?: 'image' | 'video' | 'audio';
  /** The media role of the field (a list's items and the list itself): it names the file limits. */
  role?: MediaRole;
}

type JsonSchemaNode = Record<string, unknown> & {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  required?: string[];
};

/** Field key → media role, from the entry's media fields (a list's items carry the role too) and its elements. */
type Roles = ReadonlyMap<string, MediaRole>;

function rolesOf(entry: EndpointEntry): Roles {
  const roles = new Map<string, MediaRole>();
  for (const f of entry.media.fields) {
    roles.set(f.key, f.role);
    if (f.list) roles.set(`${f.key}[]`, f.role);
  }
  if (entry.media.elements) {
    roles.set('elements[].frontal_image_url', 'element_frontal');
    roles.set('elements[].reference_image_urls', 'element_reference');
    roles.set('elements[].reference_image_urls[]', 'element_reference');
    if (entry.media.elements.video) roles.set('elements[].video_url', 'element_video');
  }
  return roles;
}

function collect(node: JsonSchemaNode, prefix: string, roles: Roles, out: FieldInfo[]): void {
  const required = new Set(node.required ?? []);
  for (const [name, prop] of Object.entries(node.properties ?? {})) {
    const key = prefix ? `${prefix}.${name}` : name;
    out.push(info(key, name, prop, required.has(name), roles));
    descend(prop, key, roles, out);
  }
}

function descend(prop: JsonSchemaNode, key: string, roles: Roles, out: FieldInfo[]): void {
  if (prop.type === 'array' && prop.items) {
    const itemKey = `${key}[]`;
    if (prop.items.type === 'object') collect(prop.items, itemKey, roles, out);
    else out.push(info(itemKey, '', prop.items, true, roles));
  }
}

function info(key: string, name: string, s: JsonSchemaNode, required: boolean, roles: Roles): FieldInfo {
  const label = typeof s.title === 'string' ? s.title : name;
  const description = typeof s.description === 'string' ? s.description : '';
  const f = { key, name } as FieldInfo;
  // Translated on each read: this table is built when the module loads, before activate() gives
  // @vscode/l10n its bundle. Enumerable, so the copy posted to the shot editor carries the text.
  Object.defineProperty(f, 'label', { enumerable: true, get: () => fieldTexts(s.textId)?.title ?? label });
  Object.defineProperty(f, 'description', { enumerable: true, get: () => fieldTexts(s.textId)?.description ?? description });
  f.type = s.type === 'integer' ? 'number' : ((s.type as FieldInfo['type']) ?? 'string');
  if (s.type === 'integer') f.integer = true;
  f.required = required;
  if ('default' in s) f.default = s.default;
  if (Array.isArray(s.enum)) f.enum = Object.freeze(s.enum.map(String));
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (typeof s[k] === 'number') f[k] = s[k] as number;
  }
  const role = roles.get(key);
  if (role !== undefined) {
    f.role = role;
    // The list itself holds files but is no file: its items are the media.
    if (s.type !== 'array') f.media = mediaKindOf(role);
  }
  return Object.freeze(f);
}

// Built once per schema, not per entry: the tiers of a family share theirs (and their media fields).
const BUILT = new Map<z.ZodObject, readonly FieldInfo[]>();

function build(id: string): readonly FieldInfo[] {
  const entry = entryFor(id)!;
  const schema = entry.schema;
  let fields = BUILT.get(schema);
  if (!fields) {
    const out: FieldInfo[] = [];
    collect(endpointJsonSchema(id) as JsonSchemaNode, '', rolesOf(entry), out);
    BUILT.set(schema, (fields = Object.freeze(out)));
  }
  return fields;
}

/** Every field of every endpoint by id, in schema order (top-level fields first within each object). */
export const FIELD_INFO: Readonly<Record<string, readonly FieldInfo[]>> = Object.freeze(
  Object.fromEntries(ENDPOINTS.map(e => [e.id, build(e.id)])),
);

const INDEX: ReadonlyMap<string, ReadonlyMap<string, FieldInfo>> = new Map(
  ENDPOINTS.map(e => [e.id, new Map(FIELD_INFO[e.id]!.map(f => [f.key, f]))]),
);

/** The fields of an endpoint id, alias or bare kind. */
export function fieldsOf(endpoint: string): readonly FieldInfo[] {
  const id = entryFor(endpoint)?.id;
  return (id !== undefined && FIELD_INFO[id]) || [];
}

/** `['multi_prompt', 2, 'duration']` → `multi_prompt[].duration`. */
export function fieldKey(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? '[]' : s === '' ? seg : `.${seg}`;
  return s;
}

/** `endpoint`: an id, alias or bare kind. */
export function fieldInfo(endpoint: string, path: JsonPath | string): FieldInfo | undefined {
  const id = entryFor(endpoint)?.id;
  return id === undefined ? undefined : INDEX.get(id)?.get(typeof path === 'string' ? path : fieldKey(path));
}
