// The quick fixes of a `duration` (the clip's, or a shot's) that fal would refuse: written in the
// wrong form (5 where V3 wants "5", "5" where Kling 4.0 wants 5), out of range, or not whole. They
// read the value in the file and the endpoint's rule (registry/duration.ts), not the diagnostic's
// data, so every form gets the same treatment in the text editor and the shot editor.
import * as l10n from '@vscode/l10n';
import { durationRuleOf, MIN_SHOT_SECONDS, readSeconds, resolveEndpoint, writeSeconds } from './registry';
import { nodeValue, parseDocument } from './parse';
import { shotDurations } from './rules/shots';
import type { JsonPath } from './types';

export interface DurationFix {
  title: string;
  /** The value to write at the diagnostic's path, in the endpoint's form. */
  value: string | number;
  isPreferred?: boolean;
}

const shown = (v: string | number) => JSON.stringify(v);

/** A number the value stands for (5, "5", 5.4, " 12 "), or undefined when it names none. */
function numberIn(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The fixes of the duration at `path` (['duration'] or ['multi_prompt', i, 'duration']), first the
 * preferred one; none when the value there is already what fal takes or names no number.
 */
export function durationFixes(text: string, path: JsonPath): DurationFix[] {
  const which = path.length === 1 && path[0] === 'duration' ? 'total' : path.length === 3 && path[2] === 'duration' ? 'shot' : undefined;
  const tree = parseDocument(text).tree;
  if (!which || !tree) return [];
  const root = nodeValue(tree) as Record<string, unknown> | undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return [];
  const rule = durationRuleOf(resolveEndpoint(root).id);
  const value =
    which === 'total' ? root.duration : (root.multi_prompt as Record<string, unknown>[] | undefined)?.[path[1] as number]?.duration;
  if (readSeconds(value, rule, which) !== undefined) return [];
  const fixes: DurationFix[] = [];
  // In a storyboard the clip is as long as its shots: their sum is the total that needs no second fix.
  const shots = Array.isArray(root.multi_prompt) ? root.multi_prompt : undefined;
  const durations = which === 'total' && shots && shots.length > 0 ? shotDurations(shots, rule) : undefined;
  const sum = durations?.reduce((a, b) => a + b, 0);
  if (sum !== undefined && sum >= rule.min && sum <= rule.max) {
    fixes.push({
      title: l10n.t('Set duration to {0} (the sum of the shots)', shown(writeSeconds(sum, rule))),
      value: writeSeconds(sum, rule),
    });
  }
  const n = numberIn(value);
  if (n !== undefined) {
    const lo = which === 'total' ? rule.min : MIN_SHOT_SECONDS;
    const whole = Math.min(Math.max(Math.round(n), lo), rule.max);
    const to = writeSeconds(whole, rule);
    if (!fixes.some(f => f.value === to)) {
      const title =
        whole !== n
          ? whole === rule.max && n > rule.max
            ? l10n.t('Set the duration to {0}, the longest this model makes', shown(to))
            : whole === lo && n < lo
              ? l10n.t('Set the duration to {0}, the shortest this model takes', shown(to))
              : l10n.t('Round the duration to {0} whole seconds', shown(to))
          : rule.form === 'string'
            ? l10n.t('Write the duration as a string: "{0}"', whole)
            : l10n.t('Write the duration as a number: {0}', whole);
      fixes.push({ title, value: to });
    }
  }
  if (fixes[0]) fixes[0].isPreferred = true;
  return fixes;
}
