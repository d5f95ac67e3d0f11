// What changed between an endpoint's registry entry and what fal publishes for it: its input schema
// (fal's OpenAPI document, from the Platform API's `/v1/models?expand=openapi-3.0`) against the
// entry's zod schema as JSON Schema, and its price against the built-in rule. Only what a shot file
// depends on is compared: the fields (nested ones by path, `elements[].voice_id`), their enums,
// their numeric and length limits and whether they are required. Titles, descriptions, defaults
// and examples are prose and left alone.
import * as l10n from '@vscode/l10n';
import { z } from 'zod';
import { priceUnitOf, publishedPrice, type LivePrice } from './live-price';
import type { EndpointEntry } from './registry';

export type Drift =
  | { kind: 'field-added'; field: string }
  | { kind: 'field-removed'; field: string }
  | { kind: 'enum-changed'; field: string; added: string[]; removed: string[] }
  | { kind: 'limit-changed'; field: string; limit: string; registry: number | undefined; fal: number | undefined }
  | { kind: 'required-changed'; field: string; registry: boolean; fal: boolean }
  | { kind: 'price-changed'; registry: number; fal: number; unit: string }
  | { kind: 'price-unit-changed'; registry: string; fal: string }
  | { kind: 'not-published'; what: 'schema' | 'price' };

type Node = Record<string, unknown>;

const LIMITS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const;

interface Field {
  enum?: string[];
  limits: Partial<Record<(typeof LIMITS)[number], number>>;
  required: boolean;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows a local `$ref` (`#/components/schemas/X`, `#/$defs/X`) within its document; a cycle or a foreign ref gives {}. */
function deref(node: unknown, root: Node, seen: Set<string> = new Set()): Node {
  if (!isNode(node)) return {};
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/') || seen.has(ref)) return {};
  seen.add(ref);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  const { $ref: _ref, ...siblings } = node;
  return { ...deref(target, root, seen), ...siblings };
}

/** The branches a value may take: `allOf` merged, `anyOf`/`oneOf` without their `null`. */
function branches(node: unknown, root: Node): Node[] {
  const n = deref(node, root);
  if (Array.isArray(n.allOf)) {
    const merged = n.allOf.map(b => deref(b, root)).reduce<Node>((a, b) => ({ ...a, ...b }), {});
    const { allOf: _all, ...rest } = n;
    return branches({ ...merged, ...rest }, root);
  }
  const alternatives = Array.isArray(n.anyOf) ? n.anyOf : Array.isArray(n.oneOf) ? n.oneOf : undefined;
  if (alternatives) return alternatives.flatMap(b => branches(b, root)).filter(b => b.type !== 'null');
  return [n];
}

/** Every field below an object schema, by path (`multi_prompt[].duration`). */
function fieldsOf(schema: unknown, root: Node, prefix = '', out = new Map<string, Field>()): Map<string, Field> {
  for (const obj of branches(schema, root)) {
    const props = isNode(obj.properties) ? obj.properties : {};
    const required = new Set(Array.isArray(obj.required) ? obj.required.filter(r => typeof r === 'string') : []);
    for (const [key, value] of Object.entries(props)) {
      const path = prefix + key;
      const alts = branches(value, root);
      const values = alts.flatMap(a => (Array.isArray(a.enum) ? a.enum : 'const' in a ? [a.const] : []));
      const limits: Field['limits'] = {};
      for (const a of alts) for (const l of LIMITS) if (typeof a[l] === 'number' && limits[l] === undefined) limits[l] = a[l];
      const field: Field = { limits, required: required.has(key) || (out.get(path)?.required ?? false) };
      if (values.length && alts.every(a => Array.isArray(a.enum) || 'const' in a))
        field.enum = [...new Set(values.map(v => JSON.stringify(v)))].sort();
      out.set(path, field);
      for (const a of alts) {
        if (isNode(a.properties)) fieldsOf(a, root, `${path}.`, out);
        const items = deref(a.items, root);
        if (branches(items, root).some(b => isNode(b.properties))) fieldsOf(items, root, `${path}[].`, out);
      }
    }
  }
  return out;
}

/** Schema changes from the registry's JSON Schema to fal's input schema (`falRoot`: the document its `$ref`s point into). */
export function schemaDrift(registry: Node, fal: Node, falRoot: Node = fal): Drift[] {
  const ours = fieldsOf(registry, registry);
  const theirs = fieldsOf(fal, falRoot);
  const out: Drift[] = [];
  for (const field of theirs.keys()) if (!ours.has(field)) out.push({ kind: 'field-added', field });
  for (const [field, a] of ours) {
    const b = theirs.get(field);
    if (!b) {
      out.push({ kind: 'field-removed', field });
      continue;
    }
    if (a.enum || b.enum) {
      const added = (b.enum ?? []).filter(v => !(a.enum ?? []).includes(v));
      const removed = (a.enum ?? []).filter(v => !(b.enum ?? []).includes(v));
      if (added.length || removed.length) out.push({ kind: 'enum-changed', field, added, removed });
    }
    for (const limit of LIMITS)
      if (a.limits[limit] !== b.limits[limit])
        out.push({ kind: 'limit-changed', field, limit, registry: a.limits[limit], fal: b.limits[limit] });
    if (a.required !== b.required) out.push({ kind: 'required-changed', field, registry: a.required, fal: b.required });
  }
  return out;
}

/** The request body's schema in an endpoint's OpenAPI document: the JSON body of `POST /<endpoint id>`. */
export function openApiInputSchema(openapi: unknown, endpointId: string): Node | undefined {
  if (!isNode(openapi) || !isNode(openapi.paths)) return undefined;
  const paths = openapi.paths;
  const op = (p: unknown) => (isNode(p) && isNode(p.post) ? p.post : undefined);
  const post = op(paths[`/${endpointId}`]) ?? op(Object.entries(paths).find(([k, v]) => !k.includes('/requests/') && op(v))?.[1]);
  const body = isNode(post?.requestBody) ? post.requestBody : undefined;
  const json = isNode(body?.content) && isNode(body.content['application/json']) ? body.content['application/json'] : undefined;
  return json && isNode(json.schema) ? deref(json.schema, openapi) : undefined;
}

/** The registry entry's request body as JSON Schema, as `kling models check` and the simulator see it. */
export function entryJsonSchema(entry: EndpointEntry): Node {
  return z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' }) as Node;
}

/** Price changes: fal's live figure against the built-in rule's, in the same unit. */
export function priceDrift(entry: EndpointEntry, live: LivePrice | undefined): Drift[] {
  if (!live) return [{ kind: 'not-published', what: 'price' }];
  const ours = publishedPrice(entry);
  if (priceUnitOf(live.unit) !== ours.unit) return [{ kind: 'price-unit-changed', registry: ours.unit, fal: live.unit }];
  return Math.abs(ours.unitPrice - live.unitPrice) > 1e-9
    ? [{ kind: 'price-changed', registry: ours.unitPrice, fal: live.unitPrice, unit: live.unit }]
    : [];
}

const shown = (n: number | undefined) => (n === undefined ? l10n.t('none') : String(n));

/** One line per change, naming the field and both sides. */
export function driftText(d: Drift): string {
  switch (d.kind) {
    case 'field-added':
      return l10n.t('field added on fal: {0}', d.field);
    case 'field-removed':
      return l10n.t('field removed on fal: {0}', d.field);
    case 'enum-changed':
      return l10n.t(
        'enum changed: {0} (added {1}; removed {2})',
        d.field,
        d.added.join(', ') || l10n.t('none'),
        d.removed.join(', ') || l10n.t('none'),
      );
    case 'limit-changed':
      return l10n.t('limit changed: {0} {1} {2} → {3}', d.field, d.limit, shown(d.registry), shown(d.fal));
    case 'required-changed':
      return d.fal ? l10n.t('now required on fal: {0}', d.field) : l10n.t('no longer required on fal: {0}', d.field);
    case 'price-changed':
      return l10n.t('price changed: ${0} → ${1} per {2}', String(d.registry), String(d.fal), d.unit);
    case 'price-unit-changed':
      return l10n.t('price unit changed: per {0} → per {1}', d.registry, d.fal);
    case 'not-published':
      return d.what === 'schema' ? l10n.t('fal publishes no input schema for it') : l10n.t('fal publishes no price for it');
    default:
      return unhandled(d);
  }
}

function unhandled(value: never): never {
  throw new Error(`Unhandled drift: ${JSON.stringify(value)}`);
}
