// How many seconds of video a request body asks for. The price, the take list, the check of a
// downloaded clip's length and the bound on fal's billed units all read it here, so they agree.
import { durationRuleOf, entryFor, readSeconds } from './registry';
import { shotDurations } from './rules/shots';
import { DEFAULT_SECONDS } from './schema/fields';

/**
 * `duration` in the entry's form ("3"…"15" strings; Kling 4.0 integers 3…30); without one, the storyboard's shots (each "5" unless
 * given); with neither, fal's default of 5 s. An endpoint whose output follows an input video
 * (the entry's `length`) answers only with `videoSeconds` (that video's length, from the media
 * probe). undefined when the length is unknown or is one fal would refuse. `endpoint`: an
 * endpoint id, alias or kind; a name the registry does not hold is read from the body.
 */
export function requestSeconds(endpoint: string, body: Record<string, unknown>, videoSeconds?: number): number | undefined {
  const from = entryFor(endpoint)?.length.from;
  if (from === 'none') return undefined;
  if (from === 'input-video') return videoSeconds !== undefined && videoSeconds > 0 ? videoSeconds : undefined;
  const rule = durationRuleOf(endpoint);
  const total = body.duration;
  if (total != null) return readSeconds(total, rule, 'total');
  if (Array.isArray(body.multi_prompt) && body.multi_prompt.length > 0) {
    return shotDurations(body.multi_prompt, rule)?.reduce((a, b) => a + b, 0);
  }
  return DEFAULT_SECONDS;
}
