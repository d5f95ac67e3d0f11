// Field-level rules come straight from the endpoint's zod schema (types, enums, ranges, lengths,
// required fields); this turns zod issues into stable kling.* codes and messages that name the
// rule and the allowed values.
import * as l10n from '@vscode/l10n';
import type { z } from 'zod';
import { durationRuleOf, rangeText, readSeconds, schemaFor, type DurationRule } from '../registry';
import { MAX_SHOTS, PROMPT_MAX, SHOT_PROMPT_MAX, TOTAL_DURATIONS, SHOT_DURATIONS } from '../schema/fields';
import { describeValue, pathLabel, quoteList, valueAt, type RuleInput, type RuleIssue } from './issue';

type Issue = z.core.$ZodIssue;

const PYDANTIC_TYPE: Record<string, string> = {
  string: 'string_type',
  number: 'float_type',
  boolean: 'bool_type',
  array: 'list_type',
  object: 'model_attributes_type',
};

function shotNo(path: (string | number)[]): number {
  return (path[1] as number) + 1;
}
function elementNo(path: (string | number)[]): number {
  return (path[1] as number) + 1;
}

function isDurationPath(path: (string | number)[]): 'total' | 'shot' | undefined {
  if (path.length === 1 && path[0] === 'duration') return 'total';
  if (path.length === 3 && path[0] === 'multi_prompt' && path[2] === 'duration') return 'shot';
  return undefined;
}

/** Kling 4.0 writes seconds as integers; a string "5" is the V3 habit, so it says so and offers the number. */
function integerDurationIssue(path: (string | number)[], which: 'total' | 'shot', value: unknown, rule: DurationRule): RuleIssue {
  const range = rangeText(rule, which);
  const asNumber = typeof value === 'string' ? readSeconds(Number(value), rule, which) : undefined;
  const label = which === 'total' ? 'duration' : l10n.t('Shot {0} duration', shotNo(path));
  return {
    code: which === 'total' ? 'kling.duration' : 'kling.shot-duration',
    path,
    message:
      asNumber !== undefined
        ? l10n.t('{0} is a whole number of seconds here ({1}), not a string: write {2} instead of "{2}".', label, range, asNumber)
        : l10n.t('{0} must be a whole number of seconds, {1}; got {2}.', label, range, describeValue(value)),
    fal: { type: 'int_type', msg: `Input should be a valid integer between ${which === 'total' ? rule.min : 1} and ${rule.max}` },
    ...(asNumber !== undefined ? { data: { value: asNumber } } : {}),
  };
}

function durationIssue(path: (string | number)[], which: 'total' | 'shot', value: unknown): RuleIssue {
  const allowed = which === 'total' ? TOTAL_DURATIONS : SHOT_DURATIONS;
  const range = which === 'total' ? '"3"…"15"' : '"1"…"15"';
  if (typeof value === 'number') {
    const asString = String(value);
    const fixable = (allowed as readonly string[]).includes(asString);
    return {
      code: 'kling.duration-type',
      path,
      message:
        which === 'total'
          ? l10n.t(
              'duration must be a string ({0}), not a number: write "{1}" instead of {1}. fal rejects numeric durations.',
              range,
              asString,
            )
          : l10n.t(
              'Shot {0} duration must be a string ({1}), not a number: write "{2}" instead of {2}. fal rejects numeric durations.',
              shotNo(path),
              range,
              asString,
            ),
      data: fixable ? { value: asString } : undefined,
      fal: { type: 'literal_error', msg: `Input should be ${allowed.map(a => `'${a}'`).join(', ')}`, ctx: { expected: allowed } },
    };
  }
  return {
    code: which === 'total' ? 'kling.duration' : 'kling.shot-duration',
    path,
    message:
      which === 'total'
        ? l10n.t('duration must be one of {0} (whole seconds, as a string); got {1}.', range, describeValue(value))
        : l10n.t('Shot {0} duration must be one of {1} (whole seconds, as a string); got {2}.', shotNo(path), range, describeValue(value)),
    fal: { type: 'literal_error', msg: `Input should be ${allowed.map(a => `'${a}'`).join(', ')}`, ctx: { expected: allowed } },
  };
}

function mapIssue(input: RuleInput, issue: Issue): RuleIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(input.body, path);
  const last = path[path.length - 1];
  const field = pathLabel(path);
  const which = isDurationPath(path);

  if (which && value !== undefined) {
    const rule = durationRuleOf(input.endpoint ?? input.kind);
    return rule.form === 'integer' ? integerDurationIssue(path, which, value, rule) : durationIssue(path, which, value);
  }

  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    if (last === 'character_orientation') {
      return {
        code: 'kling.orientation-required',
        path,
        message: l10n.t(
          'character_orientation is required for motion-control: "image" (keep the image\'s orientation; reference video ≤ 10 s) or "video" (follow the video; ≤ 30 s).',
        ),
        fal: { type: 'missing', msg: 'Field required' },
      };
    }
    if (path[0] === 'multi_prompt' && last === 'prompt') {
      return {
        code: 'kling.shot-prompt-required',
        path,
        message: l10n.t('Shot {0} has no prompt: every multi_prompt shot needs its own prompt.', shotNo(path)),
        fal: { type: 'missing', msg: 'Field required' },
      };
    }
    return {
      code: 'kling.required',
      path,
      message: l10n.t('{0} is required for {1}.', field, input.kind),
      fal: { type: 'missing', msg: 'Field required' },
    };
  }

  switch (issue.code) {
    case 'invalid_value': {
      const values = issue.values.map(String);
      return {
        code: 'kling.enum',
        path,
        message: l10n.t('{0} must be one of {1}; got {2}.', field, quoteList(values), describeValue(value)),
        fal: { type: 'literal_error', msg: `Input should be ${values.map(v => `'${v}'`).join(', ')}`, ctx: { expected: values } },
      };
    }
    case 'invalid_type': {
      // fal's message keeps its English; ours names the expected type as a translated noun phrase.
      const expected =
        issue.expected === 'number'
          ? 'a number'
          : issue.expected === 'array'
            ? 'an array'
            : issue.expected === 'object'
              ? 'an object'
              : `a ${issue.expected}`;
      const shownExpected =
        issue.expected === 'number'
          ? l10n.t('a number')
          : issue.expected === 'array'
            ? l10n.t('an array')
            : issue.expected === 'object'
              ? l10n.t('an object')
              : issue.expected === 'string'
                ? l10n.t('a string')
                : issue.expected === 'boolean'
                  ? l10n.t('a boolean')
                  : expected;
      return {
        code: 'kling.type',
        path,
        message: l10n.t('{0} must be {1}; got {2}.', field, shownExpected, describeValue(value)),
        fal: { type: PYDANTIC_TYPE[issue.expected] ?? 'type_error', msg: `Input should be ${expected}` },
      };
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = Number(big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum);
      if (issue.origin === 'string') {
        const len = typeof value === 'string' ? value.length : 0;
        if (path[0] === 'multi_prompt' && last === 'prompt') {
          return big
            ? {
                code: 'kling.shot-prompt-length',
                path,
                message: l10n.t(
                  'Shot {0} prompt is {1} characters; Kling allows at most {2} per shot.',
                  shotNo(path),
                  len,
                  SHOT_PROMPT_MAX,
                ),
                fal: { type: 'string_too_long', msg: `String should have at most ${limit} characters`, ctx: { max_length: limit } },
              }
            : {
                code: 'kling.shot-prompt-required',
                path,
                message: l10n.t('Shot {0} prompt is empty: every multi_prompt shot needs its own prompt.', shotNo(path)),
                fal: { type: 'string_too_short', msg: `String should have at least ${limit} character`, ctx: { min_length: limit } },
              };
        }
        return {
          code: 'kling.prompt-length',
          path,
          message: l10n.t('{0} is {1} characters; the limit is {2}.', field, len, PROMPT_MAX),
          fal: {
            type: big ? 'string_too_long' : 'string_too_short',
            msg: `String should have at ${big ? 'most' : 'least'} ${limit} characters`,
            ctx: big ? { max_length: limit } : { min_length: limit },
          },
        };
      }
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : 0;
        const fal = {
          type: big ? 'too_long' : 'too_short',
          msg: `List should have at ${big ? 'most' : 'least'} ${limit} item${limit === 1 ? '' : 's'}`,
          ctx: big ? { max_length: limit } : { min_length: limit },
        };
        if (path.length === 1 && path[0] === 'multi_prompt') {
          return {
            code: 'kling.shot-count',
            path,
            fal,
            message:
              n === 1
                ? l10n.t('multi_prompt has 1 shot; a storyboard has 1–{0} shots.', MAX_SHOTS)
                : l10n.t('multi_prompt has {0} shots; a storyboard has 1–{1} shots.', n, MAX_SHOTS),
          };
        }
        if (last === 'reference_image_urls') {
          const allowed = input.kind === 'motion-control' ? '0–3' : '1–3';
          return {
            code: 'kling.element-reference-count',
            path,
            fal,
            message:
              n === 1
                ? l10n.t('Element {0} has 1 reference image; allowed: {1}.', elementNo(path), allowed)
                : l10n.t('Element {0} has {1} reference images; allowed: {2}.', elementNo(path), n, allowed),
          };
        }
        if (path.length === 1 && path[0] === 'elements') {
          return {
            code: 'kling.motion-element-count',
            path,
            fal,
            message: l10n.t('motion-control takes at most one face element (@Element1); got {0}.', n),
          };
        }
        return {
          code: 'kling.range',
          path,
          fal,
          message: big
            ? l10n.t('{0} must have at most {1} items; got {2}.', field, limit, n)
            : l10n.t('{0} must have at least {1} items; got {2}.', field, limit, n),
        };
      }
      const got = describeValue(value);
      return {
        code: 'kling.range',
        path,
        message:
          field === 'cfg_scale'
            ? l10n.t('{0} must be between 0 and 1; got {1}.', field, got)
            : big
              ? l10n.t('{0} must be at most {1}; got {2}.', field, limit, got)
              : l10n.t('{0} must be at least {1}; got {2}.', field, limit, got),
        fal: {
          type: big ? 'less_than_equal' : 'greater_than_equal',
          msg: `Input should be ${big ? 'less' : 'greater'} than or equal to ${limit}`,
          ctx: big ? { le: limit } : { ge: limit },
        },
      };
    }
    default:
      return {
        code: 'kling.type',
        path,
        // zod's own message, in English: it has no translation to give.
        message: l10n.t('{0}: {1}.', field, issue.message),
        fal: { type: 'value_error', msg: issue.message },
      };
  }
}

export function schemaIssues(input: RuleInput): RuleIssue[] {
  const result = schemaFor(input.endpoint ?? input.kind).safeParse(input.body);
  if (result.success) return [];
  return [...result.error.issues, ...overflowShotIssues(input)].map(issue => mapIssue(input, issue));
}

/**
 * zod stops at an array over its max size without looking at the items, so a storyboard of 7 shots
 * would only say "too many shots" and hide each shot's own errors. Check the shots in groups the
 * schema accepts and put each issue back at its shot's real index.
 */
function overflowShotIssues(input: RuleInput): Issue[] {
  const shots = input.body.multi_prompt;
  if (!Array.isArray(shots) || shots.length <= MAX_SHOTS) return [];
  const schema = schemaFor(input.endpoint ?? input.kind);
  const out: Issue[] = [];
  for (let start = 0; start < shots.length; start += MAX_SHOTS) {
    const result = schema.safeParse({ ...input.body, multi_prompt: shots.slice(start, start + MAX_SHOTS) });
    for (const issue of result.error?.issues ?? []) {
      const [head, index, ...rest] = issue.path;
      if (head === 'multi_prompt' && typeof index === 'number') out.push({ ...issue, path: [head, start + index, ...rest] });
    }
  }
  return out;
}
