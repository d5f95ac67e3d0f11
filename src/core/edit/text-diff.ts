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

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  // Apply from the end so earlier offsets stay valid.
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}
