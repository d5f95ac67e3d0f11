// Adding a shot to a sequence right after another one, as one minimal text edit: the new entry
// takes the list's own layout, and comments, other entries and every other byte stay as they were.
import { insertValue } from '../edit/json-ops';
import { editsBetween } from '../edit/text-diff';
import type { TextEdit } from '../types';

/** The edits that insert the shot `shot` (a path relative to the sequence) after entry `index` of "shots". */
export function insertSequenceEntryAfter(text: string, index: number, shot: string): TextEdit[] {
  return editsBetween(text, insertValue(text, ['shots'], index + 1, shot));
}
