// Adding shots to a sequence as one minimal text edit: a new entry takes the list's own layout,
// and comments, other entries and every other byte stay as they were.
import { isBlankJson } from '../parse';
import { insertValue } from '../edit/json-ops';
import { editsBetween } from '../edit/text-diff';
import { starterSequenceText } from '../starter-files';
import type { TextEdit } from '../types';

/** The edits that insert the shot `shot` (a path relative to the sequence) after entry `index` of "shots". */
export function insertSequenceEntryAfter(text: string, index: number, shot: string): TextEdit[] {
  return editsBetween(text, insertValue(text, ['shots'], index + 1, shot));
}

/**
 * The edits that append `shots` (paths relative to the sequence) to its "shots", in order; a blank
 * file becomes a whole sequence of them. Throws an EditError when the file is not an object.
 */
export function appendSequenceEntries(text: string, shots: readonly string[]): TextEdit[] {
  if (isBlankJson(text)) return [{ offset: 0, length: text.length, content: starterSequenceText(shots) }];
  let next = text;
  for (const shot of shots) next = insertValue(next, ['shots'], Number.MAX_SAFE_INTEGER, shot);
  return editsBetween(text, next);
}
