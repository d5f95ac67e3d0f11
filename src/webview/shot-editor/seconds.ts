// Whole seconds as a body writes them, read by the endpoint's rule (the form layout's `duration`):
// the page's copy of core's readSeconds (src/core/registry/duration.ts), which it cannot import; a
// unit test runs both on the same values so they cannot drift. A value fal would refuse reads as
// undefined, never as 0 s.
import type { FormLayout } from '../../shared/messages';

export type DurationRule = FormLayout['duration'];

/** What a shot or a clip without a `duration` lasts. */
export const DEFAULT_SECONDS = 5;

export function readSeconds(value: unknown, rule: DurationRule, of: 'total' | 'shot'): number | undefined {
  const n = rule.form === 'string' ? (typeof value === 'string' && /^[1-9]\d*$/.test(value) ? Number(value) : NaN) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  return n >= (of === 'total' ? rule.min : 1) && n <= rule.max ? n : undefined;
}

/** The seconds a value stands for, the default when it is absent. */
export function secondsOr(value: unknown, rule: DurationRule, of: 'total' | 'shot'): number | undefined {
  return value === undefined ? DEFAULT_SECONDS : readSeconds(value, rule, of);
}

/** A second count as the body writes it. */
export function writeSeconds(n: number, rule: DurationRule): string | number {
  return rule.form === 'integer' ? n : String(n);
}
