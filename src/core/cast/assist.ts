// Completion and hover for cast members in a shot file: member names after `@` in a prompt and as
// entries of `"cast"`, and which member the cursor is on. Pure: the faces find the members.
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { CompletionEntry } from '../completion';
import { parseDocument } from '../parse';
import type { Range } from '../types';
import { LineMap } from '../parse';
import { castNamesOf } from './build';
import type { CastMember } from './cast-file';
import { nodeValue } from '../parse';

type Slot = { kind: 'cast'; node: Node } | { kind: 'prompt'; node: Node };

/** The string node at `offset` when it is a `cast` entry or a prompt. */
function slotAt(text: string, offset: number): { slot: Slot; tree: Node } | undefined {
  const tree = parseDocument(text).tree;
  if (!tree) return undefined;
  const node = findNodeAtOffset(tree, offset, true);
  if (!node || node.type !== 'string' || offset <= node.offset || offset >= node.offset + node.length) return undefined;
  const parent = node.parent;
  if (
    parent?.type === 'array' &&
    parent.parent?.type === 'property' &&
    parent.parent.parent === tree &&
    parent.parent.children?.[0]?.value === 'cast'
  )
    return { slot: { kind: 'cast', node }, tree };
  if (parent?.type === 'property' && parent.children?.[1] === node && parent.children[0]?.value === 'prompt') {
    const owner = parent.parent;
    const top = owner === tree;
    const shot =
      owner?.parent?.type === 'array' &&
      owner.parent.parent?.type === 'property' &&
      owner.parent.parent.children?.[0]?.value === 'multi_prompt';
    if (top || shot) return { slot: { kind: 'prompt', node }, tree };
  }
  return undefined;
}

/** Whether the cursor is where a member name may go (so a face looks up the cast only then). */
export function castSlotAt(text: string, offset: number): boolean {
  return slotAt(text, offset) !== undefined;
}

/** `@Na|`: the partial name before the cursor in a prompt, with where it starts. */
function mentionBefore(text: string, offset: number, start: number): { from: number; typed: string } | undefined {
  let i = offset;
  while (i > start && /[A-Za-z0-9_]/.test(text[i - 1]!)) i--;
  return text[i - 1] === '@' ? { from: i, typed: text.slice(i, offset) } : undefined;
}

export function castCompletionsAt(text: string, offset: number, members: readonly CastMember[]): CompletionEntry[] {
  const at = slotAt(text, offset);
  if (!at) return [];
  const entry = (m: CastMember, replace: { offset: number; length: number }): CompletionEntry => ({
    label: m.name,
    kind: 'value',
    insertText: m.name,
    replace,
    ...(m.description !== undefined && { detail: m.description }),
  });
  const { node } = at.slot;
  if (at.slot.kind === 'cast') {
    const listed = new Set(castNamesOf(nodeValue(at.tree)));
    const current = typeof node.value === 'string' ? node.value : '';
    return members
      .filter(m => !listed.has(m.name) || m.name === current)
      .map(m => entry(m, { offset: node.offset + 1, length: node.length - 2 }));
  }
  const typed = mentionBefore(text, offset, node.offset + 1);
  if (!typed) return [];
  return members
    .filter(m => m.name.toLowerCase().startsWith(typed.typed.toLowerCase()))
    .map(m => entry(m, { offset: typed.from, length: offset - typed.from }));
}

/** The member the cursor is on (a `cast` entry or an `@Name` in a prompt), with its span. */
export function castMemberAt(
  text: string,
  offset: number,
  members: readonly CastMember[],
): { member: CastMember; range: Range } | undefined {
  const at = slotAt(text, offset);
  if (!at) return undefined;
  const { node } = at.slot;
  const lines = new LineMap(text);
  const byName = new Map(members.map(m => [m.name, m]));
  if (at.slot.kind === 'cast') {
    const m = typeof node.value === 'string' ? byName.get(node.value) : undefined;
    return m && { member: m, range: lines.range(node.offset, node.length) };
  }
  let from = offset;
  while (from > node.offset + 1 && /[A-Za-z0-9_]/.test(text[from - 1]!)) from--;
  let to = offset;
  while (to < node.offset + node.length - 1 && /[A-Za-z0-9_]/.test(text[to]!)) to++;
  if (text[from - 1] !== '@') return undefined;
  const m = byName.get(text.slice(from, to));
  return m && { member: m, range: lines.range(from - 1, to - from + 1) };
}
