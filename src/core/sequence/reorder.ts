// Moving a shot within a sequence as a text edit: only the entries between the two positions are
// rewritten, each slot taking its new entry's source text verbatim, so comments between entries,
// the layout and every other byte of the file stay as they were.
import { moveItemEdits } from '../edit/json-ops';
import { nodeAtPath, parseDocument } from '../parse';
import type { TextEdit } from '../types';

/** The edits that move entry `from` of "shots" to position `to`; empty when there is nothing to do. */
export function moveSequenceEntry(text: string, from: number, to: number): TextEdit[] {
  const { tree } = parseDocument(text);
  const list = tree && nodeAtPath(tree, ['shots']);
  const items = list?.type === 'array' ? (list.children ?? []) : [];
  const n = items.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= n || to >= n || from === to) return [];
  return moveItemEdits(items, text, from, to);
}
