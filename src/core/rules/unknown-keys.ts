// fal silently ignores fields it does not know, so a typo is paid for and lost:
// warn on every unknown key, name the nearest known key, and say when the key belongs to another
// endpoint. Works on the tree (not the value) to see duplicate keys and key ranges.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { BODY_KEYS, ENDPOINT_KINDS, bodyKeysFor, entryFor } from '../registry';
import type { EndpointKind, JsonPath } from '../types';
import type { RuleIssue } from './issue';
import { suggestKey } from './suggest';

export interface UnknownKeyData {
  key: string;
  suggestion?: string;
  endpoints?: EndpointKind[];
}

const SHOT_KEYS: ReadonlySet<string> = new Set(['prompt', 'duration']);
const COMBO_ELEMENT_KEYS: ReadonlySet<string> = new Set(['frontal_image_url', 'reference_image_urls', 'video_url', 'voice_id']);
const FACE_ELEMENT_KEYS: ReadonlySet<string> = new Set(['frontal_image_url', 'reference_image_urls']);
const FILE_KEYS: ReadonlySet<string> = new Set(['$schema', 'endpoint', 'cast']);

/**
 * Past `left` findings only `skipped` is counted: a file of a million unknown keys is listed up
 * to the diagnostics cap (input.ts) and then counted, without a suggestion search per key.
 */
export interface KeyBudget {
  left: number;
  skipped: number;
}

function checkObject(
  obj: Node,
  path: JsonPath,
  known: ReadonlySet<string>,
  where: string,
  kind: EndpointKind,
  isRoot: boolean,
  out: RuleIssue[],
  budget: KeyBudget,
): void {
  const props = obj.children ?? [];
  // Duplicates are rare and objects small: a nested scan beats building a Map per object.
  const lastIndex = props.length > 32 ? new Map<string, number>() : undefined;
  if (lastIndex)
    props.forEach((p, i) => {
      const k = p.children?.[0];
      if (k) lastIndex.set(String(k.value), i);
    });
  for (let i = 0; i < props.length; i++) {
    const keyNode = props[i]!.children?.[0];
    if (!keyNode) continue;
    const key = String(keyNode.value);
    const shadowed = isShadowed(props, lastIndex, key, i);
    const unknown = !known.has(key) && !(isRoot && FILE_KEYS.has(key));
    if (budget.left <= 0) {
      budget.skipped += (shadowed ? 1 : 0) + (unknown ? 1 : 0);
      continue;
    }
    if (shadowed) {
      budget.left--;
      out.push({
        code: 'kling.duplicate-key',
        path: [...path, key],
        at: { offset: keyNode.offset, length: keyNode.length },
        message: l10n.t('Duplicate key "{0}": only the last one is used, this one is ignored.', key),
        data: { key },
      });
    }
    if (!unknown) continue;
    const suggestion = suggestKey(key, known);
    const others = isRoot ? ENDPOINT_KINDS.filter(k => k !== kind && BODY_KEYS[k].has(key)) : [];
    // Another endpoint's field set to null is absent (absent.ts), as in fal's shared examples.
    if (others.length && props[i]!.children?.[1]?.type === 'null') continue;
    budget.left--;
    const data: UnknownKeyData = { key, ...(suggestion ? { suggestion } : {}), ...(others.length ? { endpoints: others } : {}) };
    // The hint is a sentence of its own, appended after the message's own sentence.
    let hint = suggestion ? ' ' + l10n.t('Did you mean "{0}"?', suggestion) : '';
    if (!suggestion && isRoot && others.length === 0) {
      // A typo of another endpoint's field: say so rather than suggest nothing.
      for (const k of ENDPOINT_KINDS) {
        if (k === kind) continue;
        const near = suggestKey(key, BODY_KEYS[k]);
        if (near && !known.has(near)) {
          hint = ' ' + l10n.t('Did you mean "{0}"? That is a field of {1}, not {2}.', near, k, kind);
          break;
        }
      }
    }
    out.push(
      others.length
        ? {
            code: 'kling.other-endpoint-key',
            path: [...path, key],
            at: { offset: keyNode.offset, length: keyNode.length },
            data,
            message:
              (others.length === 1
                ? l10n.t('"{0}" is not a field of {1}, so fal ignores it; it belongs to {2}.', key, kind, others[0]!)
                : l10n.t('"{0}" is not a field of {1}, so fal ignores it; it belongs to {2} and {3}.', key, kind, others[0]!, others[1]!)) +
              hint,
          }
        : {
            code: 'kling.unknown-key',
            path: [...path, key],
            at: { offset: keyNode.offset, length: keyNode.length },
            data,
            message: l10n.t('Unknown field "{0}" in {1}: fal ignores it.', key, where) + hint,
          },
    );
  }
}

function isShadowed(props: Node[], lastIndex: Map<string, number> | undefined, key: string, i: number): boolean {
  if (lastIndex) return lastIndex.get(key) !== i;
  for (let j = i + 1; j < props.length; j++) if (props[j]!.children?.[0]?.value === key) return true;
  return false;
}

function childValue(obj: Node, key: string): Node | undefined {
  const props = obj.children ?? [];
  for (let i = props.length - 1; i >= 0; i--) if (props[i]!.children?.[0]?.value === key) return props[i]!.children?.[1];
  return undefined;
}

/** `endpoint`: the id (or alias, or bare kind) whose request keys are known. */
export function unknownKeyRules(root: Node, endpoint: string, out: RuleIssue[], budget: KeyBudget): void {
  if (root.type !== 'object') return;
  const kind = entryFor(endpoint)!.kind;
  const known = bodyKeysFor(endpoint);
  checkObject(root, [], known, l10n.t('the {0} request', kind), kind, true, out, budget);
  if (known.has('multi_prompt')) {
    const shots = childValue(root, 'multi_prompt');
    if (shots?.type === 'array')
      shots.children?.forEach((s, i) => {
        if (s.type === 'object') checkObject(s, ['multi_prompt', i], SHOT_KEYS, l10n.t('shot {0}', i + 1), kind, false, out, budget);
      });
  }
  if (known.has('elements')) {
    const elements = childValue(root, 'elements');
    const keys = kind === 'motion-control' ? FACE_ELEMENT_KEYS : COMBO_ELEMENT_KEYS;
    if (elements?.type === 'array')
      elements.children?.forEach((e, i) => {
        if (e.type === 'object') checkObject(e, ['elements', i], keys, `@Element${i + 1}`, kind, false, out, budget);
      });
  }
}
