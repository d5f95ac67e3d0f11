// Lookups over the registry's entries: by id, alias or kind, and the per-kind schemas and keys.
import type { z } from 'zod';
import type { EndpointKind, Tier } from '../types';
import type { EndpointEntry, Family } from './types';
import { O3_ENTRIES, O3_V2V_ENTRIES } from './o3';
import { TURBO_ENTRIES } from './turbo';
import { V3_ENTRIES } from './v3';
import { V4_ENTRIES } from './v4';
import { VOICE_ENTRIES } from './voice';

/** Every endpoint, a family at a time; V3 first, so a bare kind means its V3 pro entry. */
export const ENDPOINTS: readonly EndpointEntry[] = [
  ...V3_ENTRIES,
  ...O3_ENTRIES,
  ...TURBO_ENTRIES,
  ...O3_V2V_ENTRIES,
  ...V4_ENTRIES,
  ...VOICE_ENTRIES,
];

/** Names that more than one entry claims (as id or alias); empty in a sound registry. */
export function aliasCollisions(entries: readonly EndpointEntry[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of entries.flatMap(e => [e.id, ...e.aliases])) (seen.has(name) ? twice : seen).add(name);
  return [...twice];
}

// Checked at load: an ambiguous name would silently pick one endpoint for a shot file.
const collisions = aliasCollisions(ENDPOINTS);
if (collisions.length) throw new Error(`Endpoint registry: names claimed twice: ${collisions.join(', ')}`);

export const ENDPOINT_IDS: readonly string[] = ENDPOINTS.map(e => e.id);

/**
 * Every name fal itself serves an endpoint under: the ids, and the aliases written as fal ids
 * (Kling 4.0's `fal-ai/kling-video/v4/…` beside `kling/v4/…`). The simulator answers to all of them.
 */
export const FAL_SERVED_IDS: readonly string[] = ENDPOINTS.flatMap(e => [e.id, ...e.aliases.filter(a => a.startsWith('fal-ai/'))]);

/** The kinds in registry order, each once. */
export const ENDPOINT_KINDS: readonly EndpointKind[] = [...new Set(ENDPOINTS.map(e => e.kind))];

/** Short names accepted in the `endpoint` key, each mapped to its full id. */
export const ENDPOINT_ALIASES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(ENDPOINTS.flatMap(e => e.aliases.map(a => [a, e.id] as const))),
);

const BY_ID = new Map<string, EndpointEntry>(ENDPOINTS.map(e => [e.id, e]));

/** The entry named by a full id or an alias, or undefined. */
export function lookupEndpoint(name: string): EndpointEntry | undefined {
  const id = BY_ID.has(name) ? name : Object.hasOwn(ENDPOINT_ALIASES, name) ? ENDPOINT_ALIASES[name] : undefined;
  return id === undefined ? undefined : BY_ID.get(id);
}

/** The first entry of a kind: what a bare kind (in place of an id) stands for. */
function firstOfKind(kind: EndpointKind): EndpointEntry {
  return ENDPOINTS.find(e => e.kind === kind)!;
}

/** The entry for an id, an alias or a bare kind; undefined for a name the registry does not hold. */
export function entryFor(name: string): EndpointEntry | undefined {
  return lookupEndpoint(name) ?? ((ENDPOINT_KINDS as readonly string[]).includes(name) ? firstOfKind(name as EndpointKind) : undefined);
}

function byKind<T>(value: (kind: EndpointKind) => T): Record<EndpointKind, T> {
  return Object.fromEntries(ENDPOINT_KINDS.map(k => [k, value(k)])) as unknown as Record<EndpointKind, T>;
}

/** The request schema of a kind's first entry (V3 where V3 has the kind): what a bare kind means. */
export const SCHEMAS: Readonly<Record<EndpointKind, z.ZodObject>> = byKind(k => firstOfKind(k).schema);

/** The request schema of an endpoint id, alias or bare kind (families of one kind differ). */
export function schemaFor(name: string): z.ZodObject {
  return entryFor(name)!.schema;
}

const KEYS = new Map<z.ZodObject, ReadonlySet<string>>();

/** Keys of an endpoint's request body (id, alias or bare kind), for unknown-key and wrong-endpoint warnings. */
export function bodyKeysFor(name: string): ReadonlySet<string> {
  const schema = schemaFor(name);
  let keys = KEYS.get(schema);
  if (!keys) KEYS.set(schema, (keys = new Set(Object.keys(schema.shape))));
  return keys;
}

/** Keys of each kind's first entry, for naming the kind a misplaced key belongs to. */
export const BODY_KEYS: Readonly<Record<EndpointKind, ReadonlySet<string>>> = byKind(k => bodyKeysFor(k));

/**
 * The id of the endpoint of this kind and tier in a family: for defaults and suggested fixes.
 * Without a family, V3's where it has the kind, else the first family that has it.
 */
export function endpointIdFor(kind: EndpointKind, tier: Tier | null, family?: Family): string | undefined {
  const of = (f: Family | undefined) => ENDPOINTS.find(e => (f === undefined || e.family === f) && e.kind === kind && e.tier === tier)?.id;
  return family ? of(family) : (of('v3') ?? of(undefined));
}
