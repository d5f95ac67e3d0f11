// How many seconds of video a request body asks for. The price, the take list, the check of a
// downloaded clip's length and the bound on fal's billed units all read it here, so they agree.
import { shotDurations } from './rules/shots';
import { DEFAULT_SECONDS, TOTAL_DURATIONS } from './schema/fields';

/**
 * `duration` ("3"…"15": a string on fal); without one, the storyboard's shots (each "5" unless
 * given); with neither, fal's default of 5 s. Motion control follows its reference video, so only
 * `videoSeconds` (that video's length, from the media probe) answers for it. undefined when the
 * length is unknown or is one fal would refuse. `endpoint`: an endpoint id or kind.
 */
export function requestSeconds(endpoint: string, body: Record<string, unknown>, videoSeconds?: number): number | undefined {
  if (endpoint.includes('motion-control')) return videoSeconds !== undefined && videoSeconds > 0 ? videoSeconds : undefined;
  const total = body.duration;
  if (total != null) return typeof total === 'string' && (TOTAL_DURATIONS as readonly string[]).includes(total) ? Number(total) : undefined;
  if (Array.isArray(body.multi_prompt) && body.multi_prompt.length > 0) {
    return shotDurations(body.multi_prompt)?.reduce((a, b) => a + b, 0);
  }
  return DEFAULT_SECONDS;
}
