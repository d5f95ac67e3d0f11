// Storyboard timing: Kling requires the shot durations to add up to the total
// duration, and the total is the entry's range (3–15 s; Kling 4.0 3–30 s). Missing durations
// count as their default 5.
import * as l10n from '@vscode/l10n';
import { durationRuleOf, readSeconds, STRING_DURATIONS } from '../registry/duration';
import type { DurationRule } from '../registry/types';
import { DEFAULT_SECONDS } from '../schema/fields';
import { isObject, type RuleInput, type RuleIssue } from './issue';

export interface ShotSumData {
  sum: number;
  /** The total in effect (explicit or the default 5). */
  duration: number;
  durationExplicit: boolean;
  shotDurations: number[];
}

export function shotDurations(shots: unknown[], rule: DurationRule = STRING_DURATIONS): number[] | undefined {
  const out: number[] = [];
  for (const shot of shots) {
    if (!isObject(shot)) return undefined;
    const d = shot.duration;
    const seconds = d === undefined ? DEFAULT_SECONDS : readSeconds(d, rule, 'shot');
    if (seconds === undefined) return undefined;
    out.push(seconds);
  }
  return out;
}

export function shotRules({ kind, endpoint, body }: RuleInput, out: RuleIssue[]): void {
  if (kind === 'motion-control') return;
  const shots = body.multi_prompt;
  if (!Array.isArray(shots) || shots.length === 0) return;
  const rule = durationRuleOf(endpoint ?? kind);
  const durations = shotDurations(shots, rule);
  if (!durations) return;
  const sum = durations.reduce((a, b) => a + b, 0);
  const explicit = body.duration !== undefined;
  const total = !explicit ? DEFAULT_SECONDS : readSeconds(body.duration, rule, 'total');
  const MIN_TOTAL_SECONDS = rule.min;
  const MAX_TOTAL_SECONDS = rule.max;
  const data: ShotSumData | undefined =
    total === undefined ? undefined : { sum, duration: total, durationExplicit: explicit, shotDurations: durations };

  if (sum < MIN_TOTAL_SECONDS || sum > MAX_TOTAL_SECONDS) {
    out.push({
      code: 'kling.shot-total-range',
      path: ['multi_prompt'],
      target: 'key',
      message: l10n.t('The shots add up to {0} s; a clip is {1}–{2} s in total.', sum, MIN_TOTAL_SECONDS, MAX_TOTAL_SECONDS),
      data,
      fal: {
        type: 'value_error',
        msg: `Total duration of multi_prompt must be between ${MIN_TOTAL_SECONDS} and ${MAX_TOTAL_SECONDS} seconds`,
      },
    });
  }
  if (total !== undefined && sum !== total) {
    out.push({
      code: 'kling.shot-duration-sum',
      path: explicit ? ['duration'] : ['multi_prompt'],
      target: explicit ? 'value' : 'key',
      message: explicit
        ? l10n.t('The shot durations add up to {0} s but duration is "{1}"; they must be equal.', sum, total)
        : l10n.t('The shot durations add up to {0} s but duration is "{1}" (the default); they must be equal.', sum, total),
      data,
      fal: { type: 'value_error', msg: 'The sum of multi_prompt durations must equal duration', loc: ['body', 'duration'] },
    });
  }
}
