// Intent → new text → one minimal TextEdit. Pure: the extension turns the edit into a WorkspaceEdit,
// the unit tests check it on tricky files.
import * as l10n from '@vscode/l10n';
import { DEFAULT_SECONDS, MAX_SHOTS } from '../schema/fields';
import { durationRuleOf, lookupEndpoint, readSeconds, writeSeconds, type DurationRule } from '../registry';
import { nodeAtPath, parseDocument } from '../parse';
import { fillBlankEdits, starterShotTemplate } from '../starter-files';
import type { TextEdit } from '../types';
import { EditError, insertValue, moveItem, removeValue, setValue, valueAt } from './json-ops';
import type { JsonValue, ShotIntent } from './intents';
import { editsBetween } from './text-diff';
import { fixedText } from './apply-fix';

export { EditError } from './json-ops';

export interface IntentResult {
  text: string;
  /** Empty when the intent changes nothing (e.g. it is already so). */
  edits: TextEdit[];
}

export function applyIntent(text: string, intent: ShotIntent): IntentResult {
  const after = intentText(text, intent);
  return { text: after, edits: editsBetween(text, after) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Timing {
  shots: unknown[];
  durations: number[];
  sum: number;
  total: number | undefined;
  /** How the file's endpoint writes seconds: Kling 4.0 numbers up to 30, else strings up to 15. */
  rule: DurationRule;
  /** A second count as the body writes it. */
  write: (n: number) => JsonValue;
  /** fal caps V3/O3 storyboards at 6 shots; Kling 4.0's schema sets no cap. */
  maxShots: number;
}

function ruleOf(text: string): DurationRule {
  const endpoint = valueAt(text, ['endpoint']);
  return durationRuleOf(typeof endpoint === 'string' && lookupEndpoint(endpoint.trim()) ? endpoint.trim() : undefined);
}

function timing(text: string): Timing {
  const rule = ruleOf(text);
  const shots = valueAt(text, ['multi_prompt']);
  const list = Array.isArray(shots) ? shots : [];
  const durations = list.map(s => {
    const d = isObj(s) ? s.duration : undefined;
    return d === undefined ? DEFAULT_SECONDS : (readSeconds(d, rule, 'shot') ?? NaN);
  });
  const rawTotal = valueAt(text, ['duration']);
  const total = rawTotal === undefined ? DEFAULT_SECONDS : readSeconds(rawTotal, rule, 'total');
  return {
    shots: list,
    durations,
    sum: durations.reduce((a, b) => a + b, 0),
    total,
    rule,
    write: n => writeSeconds(n, rule),
    maxShots: rule.form === 'integer' ? Number.POSITIVE_INFINITY : MAX_SHOTS,
  };
}

/** Keeps `duration` equal to the shot sum when it was equal before the change (and still can be). */
function syncTotal(text: string, before: Timing): string {
  if (before.total === undefined || before.sum !== before.total) return text;
  const now = timing(text);
  if (Number.isNaN(now.sum) || now.sum === now.total || now.sum < now.rule.min || now.sum > now.rule.max) return text;
  return setValue(text, ['duration'], now.write(now.sum));
}

function requireShot(t: Timing, index: number): Record<string, unknown> {
  const shot = t.shots[index];
  if (!isObj(shot)) throw new EditError(l10n.t('There is no shot {0}.', index + 1));
  return shot;
}

/** Replace key `from` by key `to` at the same position in the root object. */
function replaceKey(text: string, from: string, to: string, value: JsonValue): string {
  const tree = parseDocument(text).tree;
  const node = tree && nodeAtPath(tree, [from]);
  if (!node || node.parent?.type !== 'property') return removeValue(setValue(text, [to], value), [from]);
  const keyNode = node.parent.children![0]!;
  // Rewrite the key literal and its value in place: no reflow of the surrounding lines, and the
  // comments before or after the property stay where they are.
  const withValue = setValue(text.slice(0, keyNode.offset) + JSON.stringify(to) + text.slice(keyNode.offset + keyNode.length), [to], value);
  return withValue;
}

function intentText(text: string, intent: ShotIntent): string {
  switch (intent.kind) {
    case 'set':
      return setValue(text, intent.path, intent.value);
    case 'remove':
      return removeValue(text, intent.path);
    case 'insert':
      return insertValue(text, intent.path, intent.index, intent.value);
    case 'startFromTemplate':
      fillBlankEdits(text, '');
      return starterShotTemplate().text;
    case 'quickFix':
      return fixedText(text, intent);
    case 'setMode':
      return intent.mode === 'storyboard' ? toStoryboard(text) : toSingle(text);
    case 'addShot': {
      if (valueAt(text, ['multi_prompt']) === undefined) return toStoryboard(text);
      const t = timing(text);
      if (t.shots.length >= t.maxShots) throw new EditError(l10n.t('A storyboard has at most {0} shots.', t.maxShots));
      const index = intent.index ?? t.shots.length;
      const remaining = t.total === undefined || Number.isNaN(t.sum) ? 0 : t.total - t.sum;
      const seconds = remaining >= 1 ? remaining : Math.max(1, Math.min(3, t.rule.max - (Number.isNaN(t.sum) ? 0 : t.sum)));
      // No room left under the clip cap (15 s, Kling 4.0 30 s): the new shot takes half of the longest one instead.
      if (!Number.isNaN(t.sum) && t.sum + seconds > t.rule.max) return splitLongest(text, t, index);
      const next = insertValue(text, ['multi_prompt'], index, { prompt: '', duration: t.write(seconds) });
      return syncTotal(next, t);
    }
    case 'duplicateShot': {
      const t = timing(text);
      if (t.shots.length >= t.maxShots) throw new EditError(l10n.t('A storyboard has at most {0} shots.', t.maxShots));
      const shot = requireShot(t, intent.index) as JsonValue;
      const d = t.durations[intent.index]!;
      if (!Number.isNaN(t.sum) && t.sum + d > t.rule.max) {
        // A full copy would pass the cap: the copy and the original share the original's seconds.
        if (d < 2) throw new EditError(l10n.t('The clip is already {0} s; a copy of a 1 s shot would pass {1} s.', t.sum, t.rule.max));
        const copy = { ...(shot as Record<string, JsonValue>), duration: t.write(Math.floor(d / 2)) };
        const shortened = setValue(text, ['multi_prompt', intent.index, 'duration'], t.write(d - Math.floor(d / 2)));
        return insertValue(shortened, ['multi_prompt'], intent.index + 1, copy);
      }
      return syncTotal(insertValue(text, ['multi_prompt'], intent.index + 1, shot), t);
    }
    case 'removeShot': {
      const t = timing(text);
      requireShot(t, intent.index);
      if (t.shots.length === 1) throw new EditError(l10n.t('A storyboard needs at least one shot; switch to a single prompt instead.'));
      const d = t.durations[intent.index]!;
      const short = Number.isNaN(t.sum) ? 0 : t.rule.min - (t.sum - d);
      if (short > 0) {
        // Below 3 s the clip is invalid: a neighbour takes over the seconds that are missing.
        const neighbour = intent.index > 0 ? intent.index - 1 : intent.index + 1;
        const grown = setValue(text, ['multi_prompt', neighbour, 'duration'], t.write(t.durations[neighbour]! + short));
        return syncTotal(removeValue(grown, ['multi_prompt', intent.index]), t);
      }
      return syncTotal(removeValue(text, ['multi_prompt', intent.index]), t);
    }
    case 'moveShot': {
      const t = timing(text);
      requireShot(t, intent.from);
      return moveItem(text, ['multi_prompt'], intent.from, intent.to);
    }
    case 'moveItem':
      return moveItem(text, intent.path, intent.from, intent.to);
    case 'resizeShots': {
      const t = timing(text);
      requireShot(t, intent.index);
      requireShot(t, intent.index + 1);
      const a = t.durations[intent.index]!;
      const b = t.durations[intent.index + 1]!;
      if (Number.isNaN(a) || Number.isNaN(b)) throw new EditError(l10n.t('Fix the shot durations in the text first.'));
      // Clamp so both shots keep at least 1 s: the pair's total never changes.
      const delta = Math.max(1 - a, Math.min(b - 1, Math.round(intent.delta)));
      if (delta === 0) return text;
      const once = setValue(text, ['multi_prompt', intent.index, 'duration'], t.write(a + delta));
      return setValue(once, ['multi_prompt', intent.index + 1, 'duration'], t.write(b - delta));
    }
  }
}

/** Adds a shot at `index` with half the seconds of the longest shot, so the total stays the same. */
function splitLongest(text: string, t: Timing, index: number): string {
  const longest = t.durations.reduce((best, d, i) => (d > t.durations[best]! ? i : best), 0);
  const d = t.durations[longest]!;
  if (d < 2) throw new EditError(l10n.t('The clip is already {0} s and no shot can be split; a clip is at most {1} s.', t.sum, t.rule.max));
  const half = Math.floor(d / 2);
  const shortened = setValue(text, ['multi_prompt', longest, 'duration'], t.write(d - half));
  return insertValue(shortened, ['multi_prompt'], index, { prompt: '', duration: t.write(half) });
}

function toStoryboard(text: string): string {
  if (valueAt(text, ['multi_prompt']) !== undefined) return text;
  const prompt = valueAt(text, ['prompt']);
  const t = timing(text);
  const total = t.total ?? DEFAULT_SECONDS;
  const shots: JsonValue = [{ prompt: typeof prompt === 'string' ? prompt : '', duration: t.write(total) }];
  return prompt === undefined ? setValue(text, ['multi_prompt'], shots) : replaceKey(text, 'prompt', 'multi_prompt', shots);
}

function toSingle(text: string): string {
  const shots = valueAt(text, ['multi_prompt']);
  if (shots === undefined) return text;
  const t = timing(text);
  const prompt = (Array.isArray(shots) ? shots : [])
    .map(s => (isObj(s) && typeof s.prompt === 'string' ? s.prompt.trim() : ''))
    .filter(p => p !== '')
    .join(' ');
  const existing = valueAt(text, ['prompt']);
  // A file with both keys (invalid, but it happens) keeps its prompt; the storyboard just goes.
  let out = existing === undefined ? replaceKey(text, 'multi_prompt', 'prompt', prompt) : removeValue(text, ['multi_prompt']);
  if (!Number.isNaN(t.sum) && t.sum >= t.rule.min && t.sum <= t.rule.max && t.sum !== t.total) {
    out = setValue(out, ['duration'], t.write(t.sum));
  }
  return out;
}
