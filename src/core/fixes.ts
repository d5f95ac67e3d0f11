// Quick-fix edits for diagnostics, made by the same JSONC edit operations as the shot editor
// (edit/json-ops.ts), so comments, layout and the lines around a change survive. Each fix is one
// minimal edit of the whole change, however many steps it takes.
import * as l10n from '@vscode/l10n';
import { durationFixes } from './duration-fix';
import { insertValue, removeValue, setValue } from './edit/json-ops';
import { editsBetween } from './edit/text-diff';
import { nodeAtPath, nodeValue, parseDocument } from './parse';
import { durationRuleOf, resolveEndpoint, writeSeconds, type DurationRule } from './registry';
import { ORIENTATIONS } from './schema/fields';
import type { ElementRefData } from './rules/elements';
import type { ShotSumData } from './rules/shots';
import type { SpeechCapsData } from './rules/speech';
import type { UnknownKeyData } from './rules/unknown-keys';
import type { JsonPath, QuickFix, ShotDiagnostic, TextEdit } from './types';

/**
 * `data` carried by diagnostics that have fixes:
 * - kling.duration-type, kling.duration, kling.shot-duration: not read; the fix reads the value and the
 *   endpoint's rule itself (duration-fix.ts), so a value out of range gets one too
 * - kling.shot-duration-sum, kling.shot-total-range: ShotSumData `{ sum, duration, durationExplicit, shotDurations }`
 * - kling.prompt-xor: `{ keys: ["prompt", "multi_prompt"] }`
 * - kling.unknown-key, kling.other-endpoint-key: UnknownKeyData `{ key, suggestion?, endpoints? }`
 * - kling.element-ref: ElementRefData `{ ref, elementCount }`
 * - kling.shot-type: `{ value: "customize" }`
 * - kling.speech-caps: SpeechCapsData `{ value, words }` (the string with the words lowercased)
 * - kling.duplicate-key: `{ key }`; kling.element-unused: `{ ref }`; kling.endpoint: `{ inferred }`
 */
export type DiagnosticData =
  SpeechCapsData | ShotSumData | ElementRefData | UnknownKeyData | { value: string } | { value: number } | { keys: string[] };

/** The edit that sets `path` to `value` (removes it when undefined). */
function set(text: string, path: JsonPath, value: unknown): TextEdit[] {
  return editsBetween(text, value === undefined ? removeValue(text, path) : setValue(text, path, value));
}

/** The steps applied in turn, as one edit. */
/** The duration form of the file's endpoint (Kling 4.0's integers, or the "3"…"15" strings). */
function durationRuleOfText(text: string): DurationRule {
  const tree = parseDocument(text).tree;
  return durationRuleOf(tree ? resolveEndpoint(nodeValue(tree)).id : undefined);
}

function sequential(text: string, steps: ((t: string) => string)[]): TextEdit[] {
  return editsBetween(
    text,
    steps.reduce((t, step) => step(t), text),
  );
}

/** Shot durations scaled to `total` (each ≥ 1 s, largest remainders first, sum exactly total). */
export function scaleDurations(durations: number[], total: number): number[] | undefined {
  const n = durations.length;
  if (n === 0 || total < n) return undefined;
  const spare = total - n;
  const weights = durations.map(d => Math.max(d - 1, 0));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map(w => (wsum === 0 ? spare / n : (w / wsum) * spare));
  const out = exact.map(e => 1 + Math.floor(e));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]![1]]! += 1;
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function quickFixes(text: string, diagnostic: ShotDiagnostic): QuickFix[] {
  try {
    return fixesFor(text, diagnostic);
  } catch {
    return [];
  }
}

/** Quoted start of a text for a fix title: the user sees what a fix would delete. */
function excerpt(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > max ? `${one.slice(0, max - 1)}…` : one);
}

/**
 * Both prompt and multi_prompt: the title of each fix says what it deletes, and one that would
 * delete written text is never the preferred one.
 */
function promptXorFixes(text: string): QuickFix[] {
  const doc = parseDocument(text);
  const promptNode = doc.tree && nodeAtPath(doc.tree, ['prompt']);
  const shotsNode = doc.tree && nodeAtPath(doc.tree, ['multi_prompt']);
  const prompt = promptNode ? nodeValue(promptNode) : undefined;
  const shots = shotsNode ? nodeValue(shotsNode) : undefined;
  const promptWritten = typeof prompt === 'string' ? prompt.trim() !== '' : prompt != null;
  const shotsWritten = Array.isArray(shots) ? shots.length > 0 : shots != null;
  const shotCount = Array.isArray(shots) ? shots.length : 0;
  const quoted = typeof prompt === 'string' ? excerpt(prompt) : undefined;
  // Every title a whole sentence (with or without shots, with or without the prompt's excerpt).
  const removePrompt: QuickFix = {
    title: promptWritten
      ? shotCount
        ? quoted !== undefined
          ? l10n.t('Delete the prompt {0} and keep the {1}-shot multi_prompt storyboard', quoted, shotCount)
          : l10n.t('Delete the prompt and keep the {0}-shot multi_prompt storyboard', shotCount)
        : quoted !== undefined
          ? l10n.t('Delete the prompt {0} and keep the empty multi_prompt', quoted)
          : l10n.t('Delete the prompt and keep the empty multi_prompt')
      : shotCount
        ? l10n.t('Remove the empty "prompt" (keep the {0}-shot multi_prompt storyboard)', shotCount)
        : l10n.t('Remove the empty "prompt" (keep the empty multi_prompt)'),
    edits: set(text, ['prompt'], undefined),
  };
  const removeShots: QuickFix = {
    title: shotsWritten
      ? shotCount
        ? l10n.t('Delete the {0}-shot multi_prompt storyboard and keep the prompt', shotCount)
        : l10n.t('Delete the empty multi_prompt and keep the prompt')
      : l10n.t('Remove the empty "multi_prompt" (keep the prompt)'),
    edits: set(text, ['multi_prompt'], undefined),
  };
  if (!promptWritten) removePrompt.isPreferred = true;
  else if (!shotsWritten) removeShots.isPreferred = true;
  return promptWritten && !shotsWritten ? [removeShots, removePrompt] : [removePrompt, removeShots];
}

function fixesFor(text: string, d: ShotDiagnostic): QuickFix[] {
  const data = isObj(d.data) ? d.data : {};
  switch (d.code) {
    case 'kling.duration-type':
    case 'kling.duration':
    case 'kling.shot-duration':
      // Every form (V3's strings, Kling 4.0's numbers), out of range or in the wrong form: one reading.
      return durationFixes(text, d.path).map(f => ({
        title: f.title,
        edits: set(text, d.path, f.value),
        ...(f.isPreferred ? { isPreferred: true } : {}),
      }));

    case 'kling.shot-duration-sum':
    case 'kling.shot-total-range': {
      const s = data as unknown as ShotSumData;
      if (!Array.isArray(s.shotDurations)) return [];
      const rule = durationRuleOfText(text);
      const write = (n: number) => writeSeconds(n, rule);
      const fixes: QuickFix[] = [];
      if (s.sum >= rule.min && s.sum <= rule.max && s.sum !== s.duration) {
        fixes.push({
          title: l10n.t('Set duration to {0} (the sum of the shots)', JSON.stringify(write(s.sum))),
          edits: set(text, ['duration'], write(s.sum)),
          isPreferred: true,
        });
      }
      const target = s.sum < rule.min || s.sum > rule.max ? Math.min(Math.max(s.duration, rule.min), rule.max) : s.duration;
      const scaled = scaleDurations(s.shotDurations, target);
      if (scaled && scaled.some((v, i) => v !== s.shotDurations[i])) {
        const steps = scaled.map((v, i) => (t: string) => setValue(t, ['multi_prompt', i, 'duration'], write(v)));
        if (!s.durationExplicit && target !== 5) steps.push(t => setValue(t, ['duration'], write(target)));
        if (s.durationExplicit && target !== s.duration) steps.push(t => setValue(t, ['duration'], write(target)));
        fixes.push({
          title: l10n.t('Scale the shot durations to {0} s ({1})', target, scaled.join(' + ')),
          edits: sequential(text, steps),
        });
      }
      return fixes;
    }

    case 'kling.prompt-xor':
      return promptXorFixes(text);

    case 'kling.speech-caps': {
      const s = data as unknown as SpeechCapsData;
      if (typeof s.value !== 'string' || !Array.isArray(s.words)) return [];
      const shown = s.words.join(' ');
      return [
        {
          title: l10n.t('Lowercase the shouted words ({0})', shown.length > 40 ? `${shown.slice(0, 39)}…` : shown),
          edits: set(text, d.path, s.value),
          isPreferred: true,
        },
      ];
    }

    case 'kling.unknown-key':
    case 'kling.other-endpoint-key': {
      const u = data as unknown as UnknownKeyData;
      const fixes: QuickFix[] = [];
      const parentPath = d.path.slice(0, -1);
      if (typeof u.suggestion === 'string') {
        const doc = parseDocument(text);
        const parent = doc.tree && nodeAtPath(doc.tree, parentPath);
        const taken = parent?.type === 'object' && parent.children?.some(p => p.children?.[0]?.value === u.suggestion);
        if (!taken && text.slice(d.offset, d.offset + d.length) === JSON.stringify(u.key)) {
          fixes.push({
            title: l10n.t('Rename to "{0}"', u.suggestion),
            edits: [{ offset: d.offset, length: d.length, content: JSON.stringify(u.suggestion) }],
            isPreferred: true,
          });
        }
      }
      fixes.push({ title: l10n.t('Remove "{0}"', u.key), edits: set(text, d.path, undefined) });
      return fixes;
    }

    case 'kling.element-ref': {
      const r = data as unknown as ElementRefData;
      const doc = parseDocument(text);
      if (!doc.tree) return [];
      const kind = resolveEndpoint(nodeValue(doc.tree)).kind;
      if (kind === 'text-to-video' || !(r.ref > r.elementCount)) return [];
      if (kind === 'motion-control' && r.ref > 1) return [];
      const existing = nodeAtPath(doc.tree, ['elements']);
      if (existing && existing.type !== 'array') return [];
      const count = existing?.children?.length ?? 0;
      const template = (n: number) =>
        kind === 'motion-control'
          ? { frontal_image_url: './refs/face-front.png' }
          : { frontal_image_url: `./refs/element${n}-front.png`, reference_image_urls: [`./refs/element${n}-side.png`] };
      const added = Array.from({ length: r.ref - count }, (_, i) => template(count + i + 1));
      const edits = existing
        ? sequential(
            text,
            added.map((el, i) => (t: string) => insertValue(t, ['elements'], count + i, el)),
          )
        : set(text, ['elements'], added);
      return [
        { title: r.ref - count === 1 ? l10n.t('Add element @Element{0}', r.ref) : l10n.t('Add elements up to @Element{0}', r.ref), edits },
      ];
    }

    case 'kling.orientation-required':
      return ORIENTATIONS.map(o => ({
        title: l10n.t('Set character_orientation to "{0}"', o),
        edits: set(text, ['character_orientation'], o),
      }));

    case 'kling.motion-element':
      return [
        {
          title: l10n.t('Set character_orientation to "{0}"', 'video'),
          edits: set(text, ['character_orientation'], 'video'),
          isPreferred: true,
        },
        { title: l10n.t('Remove "{0}"', 'elements'), edits: set(text, ['elements'], undefined) },
      ];

    case 'kling.shot-type':
      return [{ title: l10n.t('Set shot_type to "{0}"', 'customize'), edits: set(text, ['shot_type'], 'customize'), isPreferred: true }];

    default:
      return [];
  }
}
