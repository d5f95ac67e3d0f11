// Lookups over the registry's entries: by id, alias or kind, and the per-kind schemas and keys.
import type { z } from 'zod';
import type { EndpointKind, Tier } from '../types';
import type { EndpointEntry, Family } from './types';
import { V3_ENTRIES } from './v3';

/** Every endpoint, a family at a time. */
export const ENDPOINTS: readonly EndpointEntry[] = [...V3_ENTRIES];

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

/** The request schema of a kind (every tier of a kind shares one). */
export const SCHEMAS: Readonly<Record<EndpointKind, z.ZodObject>> = byKind(k => firstOfKind(k).schema);

export function schemaFor(kind: EndpointKind): z.ZodObject {
  return SCHEMAS[kind];
}

/** Keys of each kind's request body, for unknown-key and wrong-endpoint warnings. */
export const BODY_KEYS: Readonly<Record<EndpointKind, ReadonlySet<string>>> = byKind(
  k => new Set(Object.keys(SCHEMAS[k].shape)) as ReadonlySet<string>,
);

/** The id of a family's endpoint of this kind and tier (V3 unless told): for defaults and suggested fixes. */
export function endpointIdFor(kind: EndpointKind, tier: Tier, family: Family = 'v3'): string | undefined {
  return ENDPOINTS.find(e => e.family === family && e.kind === kind && e.tier === tier)?.id;
}
