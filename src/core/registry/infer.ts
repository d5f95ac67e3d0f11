// Which endpoint a shot file means: its `endpoint` key when that names an entry, else the kind
// the fields imply, at the pro tier (V3's where V3 has the kind).
import type { EndpointKind, ResolvedEndpoint } from '../types';
import { endpointIdFor, lookupEndpoint } from './lookup';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Infers the kind from the fields present, for shot files without a valid `endpoint` key. */
export function inferKind(root: unknown): EndpointKind {
  if (!isObject(root)) return 'text-to-video';
  // `!= null`: a null field is an absent one (absent.ts), as in fal's own examples.
  if (root.character_orientation != null || (root.image_url != null && root.video_url != null)) return 'motion-control';
  // A video to work from without a character image: video-to-video (edit unless a duration or
  // aspect ratio asks for a new clip, which only reference takes).
  if (root.video_url != null)
    return root.duration != null || root.aspect_ratio != null ? 'video-to-video/reference' : 'video-to-video/edit';
  if (root.voice_url != null) return 'create-voice';
  // image_urls (style references) exist only on O3 reference-to-video.
  if (root.image_urls != null) return 'reference-to-video';
  if (root.start_image_url != null) return 'image-to-video';
  return 'text-to-video';
}

/** The entry a file without an `endpoint` key gets for a kind: pro (V3's where V3 has it), else the kind's one tierless entry. */
export function inferredIdFor(kind: EndpointKind): string | undefined {
  return endpointIdFor(kind, 'pro') ?? endpointIdFor(kind, null);
}

export function resolveEndpoint(root: unknown): ResolvedEndpoint {
  if (isObject(root) && typeof root.endpoint === 'string') {
    const spec = lookupEndpoint(root.endpoint.trim());
    if (spec) return { id: spec.id, kind: spec.kind, tier: spec.tier, inferred: false };
  }
  const kind = inferKind(root);
  // create-voice has no tiers; every other kind has a pro entry.
  const id = inferredIdFor(kind)!;
  return { id, kind, tier: lookupEndpoint(id)!.tier, inferred: true };
}
