// Turning "old text → new text" into the one smallest replacement, so a WorkspaceEdit touches only
// the bytes that changed (undo restores them exactly, and concurrent editors keep their cursors).
import type { TextEdit } from '../types';

export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a CRLF pair or a surrogate pair: VS Code would see a half line break / half char.
  while (
    start > 0 &&
    (isLowSurrogate(before.charCodeAt(start)) || (before.charCodeAt(start) === 10 && before.charCodeAt(start - 1) === 13))
  )
    start--;
  while (
    endB < before.length &&
    endA < after.length &&
    (isLowSurrogate(before.charCodeAt(endB)) || (before.charCodeAt(endB) === 10 && before.charCodeAt(endB - 1) === 13))
  ) {
    endB++;
    endA++;
  }
  return { offset: start, length: endB - start, content: after.slice(start, endA) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The edits that turn `before` into `after`: none, or the one minimal edit. */
export function editsBetween(before: string, after: string): TextEdit[] {
  const edit = minimalEdit(before, after);
  return edit ? [edit] : [];
}
