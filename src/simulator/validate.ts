// The simulator's body check: the core's zod schemas and rules (the same source as the editor's
// diagnostics) for the registry's endpoints; a minimal local check for the Kling endpoints the
// registry lists as not modelled yet (O3, turbo), which the simulator also accepts.
import { FAL_SERVED_IDS, UNMODELLED_KLING_IDS, validateRequestBody, type FalValidationDetail } from '../core';

const CORE_ENDPOINTS: ReadonlySet<string> = new Set(FAL_SERVED_IDS);

export const KNOWN_ENDPOINTS: readonly string[] = [...FAL_SERVED_IDS, ...UNMODELLED_KLING_IDS];

export function validateBody(endpointId: string, body: unknown): FalValidationDetail[] {
  return CORE_ENDPOINTS.has(endpointId) ? validateRequestBody(endpointId, body) : localCheck(endpointId, body);
}

const DURATIONS = new Set(Array.from({ length: 13 }, (_, i) => String(i + 3)));

/** Minimal check for endpoints core does not model: the rules a clip's shape depends on. */
function localCheck(endpointId: string, body: unknown): FalValidationDetail[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }];
  }
  const b = body as Record<string, unknown>;
  const out: FalValidationDetail[] = [];
  const missing = (k: string) => out.push({ loc: ['body', k], msg: 'field required', type: 'value_error.missing' });
  const kind = endpointId.split('/').slice(-1)[0];
  if (endpointId.includes('motion-control')) {
    for (const k of ['image_url', 'video_url', 'character_orientation']) if (b[k] === undefined) missing(k);
  } else {
    if (kind === 'image-to-video') {
      const key = endpointId.includes('/turbo/') || endpointId.includes('/o3/') ? 'image_url' : 'start_image_url';
      if (b[key] === undefined) missing(key);
    }
    if (b.prompt === undefined && b.multi_prompt === undefined) {
      out.push({ loc: ['body', 'root'], msg: "Either 'prompt' or 'multi_prompt' must be provided.", type: 'value_error' });
    }
  }
  if (typeof b.prompt === 'string' && b.prompt.length > 2500) {
    out.push({
      loc: ['body', 'prompt'],
      msg: 'String should have at most 2500 characters',
      type: 'string_too_long',
      ctx: { max_length: 2500 },
    });
  }
  if (b.duration !== undefined && !DURATIONS.has(String(b.duration))) {
    out.push({
      loc: ['body', 'duration'],
      msg: "Input should be '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14' or '15'",
      type: 'enum',
    });
  }
  if (b.aspect_ratio !== undefined && !['16:9', '9:16', '1:1'].includes(String(b.aspect_ratio))) {
    out.push({ loc: ['body', 'aspect_ratio'], msg: "Input should be '16:9', '9:16' or '1:1'", type: 'enum' });
  }
  return out;
}
