// How many seconds of video a request body asks for. The price, the take list, the check of a
// downloaded clip's length and the bound on fal's billed units all read it here, so they agree.
import { entryFor } from './registry';
import { shotDurations } from './rules/shots';
import { DEFAULT_SECONDS, TOTAL_DURATIONS } from './schema/fields';

/**
 * `duration` ("3"…"15": a string on fal); without one, the storyboard's shots (each "5" unless
 * given); with neither, fal's default of 5 s. An endpoint whose output follows an input video
 * (the entry's `length`) answers only with `videoSeconds` (that video's length, from the media
 * probe). undefined when the length is unknown or is one fal would refuse. `endpoint`: an
 * endpoint id, alias or kind; a name the registry does not hold is read from the body.
 */
export function requestSeconds(endpoint: string, body: Record<string, unknown>, videoSeconds?: number): number | undefined {
  const from = entryFor(endpoint)?.length.from;
  if (from === 'none') return undefined;
  if (from === 'input-video') return videoSeconds !== undefined && videoSeconds > 0 ? videoSeconds : undefined;
  const total = body.duration;
  if (total != null) return typeof total === 'string' && (TOTAL_DURATIONS as readonly string[]).includes(total) ? Number(total) : undefined;
  if (Array.isArray(body.multi_prompt) && body.multi_prompt.length > 0) {
    return shotDurations(body.multi_prompt)?.reduce((a, b) => a + b, 0);
  }
  return DEFAULT_SECONDS;
}
