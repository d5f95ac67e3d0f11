// How an endpoint's body writes seconds (DurationRule): request seconds, the storyboard rules and
// the schema messages read a `duration` through here, so a 30 s Kling 4.0 clip and a "15" V3 one
// are each read by their own rule.
import { entryFor } from './lookup';
import type { DurationRule } from './types';

/** V3, O3 and turbo: "3"…"15" as strings; a shot from "1". */
export const STRING_DURATIONS: DurationRule = Object.freeze({ form: 'string', min: 3, max: 15 });

/** The shortest shot of a storyboard, in either form. */
export const MIN_SHOT_SECONDS = 1;

/** The rule of an endpoint id, alias or bare kind; the string form where the registry has none. */
export function durationRuleOf(endpoint: string | undefined): DurationRule {
  return (endpoint !== undefined && entryFor(endpoint)?.duration) || STRING_DURATIONS;
}

/**
 * Whole seconds from a body value in the rule's form, or undefined when fal would refuse it:
 * a clip's total within min…max, a shot's within 1…max.
 */
export function readSeconds(value: unknown, rule: DurationRule, of: 'total' | 'shot'): number | undefined {
  const n = rule.form === 'string' ? (typeof value === 'string' && /^[1-9]\d*$/.test(value) ? Number(value) : NaN) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  return n >= (of === 'total' ? rule.min : MIN_SHOT_SECONDS) && n <= rule.max ? n : undefined;
}

/** Whole seconds as a body in the rule's form writes them: "5" for V3 and O3, 5 for Kling 4.0. */
export function writeSeconds(n: number, rule: DurationRule): string | number {
  return rule.form === 'integer' ? n : String(n);
}

/** How the rule's range reads in a message: `"3"…"15"` or `3…30`. */
export function rangeText(rule: DurationRule, of: 'total' | 'shot'): string {
  const lo = of === 'total' ? rule.min : MIN_SHOT_SECONDS;
  return rule.form === 'string' ? `"${lo}"…"${rule.max}"` : `${lo}…${rule.max}`;
}
