// The V3 endpoints Kling Studio targets and how a shot file names or implies one (the `endpoint`
// key, else the fields present). Turbo and O3 ids are recognised only to explain that they are not supported.
import * as l10n from '@vscode/l10n';
import type { z } from 'zod';
import type { EndpointKind, ResolvedEndpoint, Tier } from '../types';
import { textToVideoSchema } from './text-to-video';
import { imageToVideoSchema } from './image-to-video';
import { motionControlSchema } from './motion-control';

export interface EndpointSpec {
  id: string;
  kind: EndpointKind;
  tier: Tier;
}

const PREFIX = 'fal-ai/kling-video/v3/';
const TIERS_BY_KIND: Record<EndpointKind, readonly Tier[]> = {
  'text-to-video': ['pro', 'standard', '4k'],
  'image-to-video': ['pro', 'standard', '4k'],
  // fal has no 4k motion-control.
  'motion-control': ['pro', 'standard'],
};
export const ENDPOINT_KINDS: readonly EndpointKind[] = ['text-to-video', 'image-to-video', 'motion-control'];

export const ENDPOINTS: readonly EndpointSpec[] = ENDPOINT_KINDS.flatMap(kind =>
  TIERS_BY_KIND[kind].map(tier => ({ id: `${PREFIX}${tier}/${kind}`, kind, tier })),
);

export const ENDPOINT_IDS: readonly string[] = ENDPOINTS.map(e => e.id);

/** Short names accepted in the `endpoint` key: `kind`, `tier/kind`, `v3/tier/kind`. */
export const ENDPOINT_ALIASES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    ENDPOINTS.flatMap(e => {
      const short: [string, string][] = [
        [`${e.tier}/${e.kind}`, e.id],
        [`v3/${e.tier}/${e.kind}`, e.id],
      ];
      return e.tier === 'pro' ? [[e.kind, e.id] as [string, string], ...short] : short;
    }),
  ),
);

export const SCHEMAS: Readonly<Record<EndpointKind, z.ZodObject>> = {
  'text-to-video': textToVideoSchema,
  'image-to-video': imageToVideoSchema,
  'motion-control': motionControlSchema,
};

export function schemaFor(kind: EndpointKind): z.ZodObject {
  return SCHEMAS[kind];
}

/** Keys of each endpoint's request body, for unknown-key and wrong-endpoint warnings. */
export const BODY_KEYS: Readonly<Record<EndpointKind, ReadonlySet<string>>> = {
  'text-to-video': new Set(Object.keys(textToVideoSchema.shape)),
  'image-to-video': new Set(Object.keys(imageToVideoSchema.shape)),
  'motion-control': new Set(Object.keys(motionControlSchema.shape)),
};

const BY_ID = new Map<string, EndpointSpec>(ENDPOINTS.map(e => [e.id, e]));

/** The spec named by a full id or an alias, or undefined. */
export function lookupEndpoint(name: string): EndpointSpec | undefined {
  const id = BY_ID.has(name) ? name : Object.hasOwn(ENDPOINT_ALIASES, name) ? ENDPOINT_ALIASES[name] : undefined;
  return id === undefined ? undefined : BY_ID.get(id);
}

/** Why a syntactically plausible id is not one we support, for a better message. */
export function unsupportedEndpointReason(name: string): string | undefined {
  if (/\/o3\//.test(name) || name.startsWith('o3/')) return l10n.t('Kling O3 (Omni) endpoints are not supported; use a V3 endpoint');
  if (/\/turbo\//.test(name) || name.startsWith('turbo/')) return l10n.t('V3 turbo endpoints are not supported');
  if (/4k\/motion-control$/.test(name)) return l10n.t('fal has no 4k motion-control endpoint; use pro or standard');
  if (/reference-to-video/.test(name)) return l10n.t('reference-to-video exists only for O3; in V3 use image-to-video with elements');
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Infers the kind from the fields present, for shot files without a valid `endpoint` key. */
export function inferKind(root: unknown): EndpointKind {
  if (!isObject(root)) return 'text-to-video';
  // `!= null`: a null field is an absent one (absent.ts), as in fal's own examples.
  if (root.character_orientation != null || (root.image_url != null && root.video_url != null)) return 'motion-control';
  if (root.start_image_url != null) return 'image-to-video';
  return 'text-to-video';
}

export function resolveEndpoint(root: unknown): ResolvedEndpoint {
  if (isObject(root) && typeof root.endpoint === 'string') {
    const spec = lookupEndpoint(root.endpoint.trim());
    if (spec) return { id: spec.id, kind: spec.kind, tier: spec.tier, inferred: false };
  }
  const kind = inferKind(root);
  return { id: `${PREFIX}pro/${kind}`, kind, tier: 'pro', inferred: true };
}
