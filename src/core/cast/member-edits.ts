// Adding and removing a cast member as the smallest edits of the cast file's text, through the
// one JSONC edit engine (edit/json-ops.ts), so comments and layout around them stay.
import * as l10n from '@vscode/l10n';
import { insertValue, removeValue, setValue } from '../edit/json-ops';
import { editsBetween } from '../edit/text-diff';
import { nodeValue, parseDocument } from '../parse';
import { isObject } from '../rules/issue';
import type { TextEdit } from '../types';
import { castNamesOf } from './build';
import { memberNameProblem } from './rename';

/** The member names a cast file's text defines (well-formed or not). */
export function castMemberNames(castText: string): string[] {
  const tree = parseDocument(castText).tree;
  const root = tree && nodeValue(tree);
  return isObject(root) && isObject(root.members) ? Object.keys(root.members) : [];
}

/**
 * A new member from images picked at once: the first is the frontal image, the rest (1–3) its
 * references. Paths as they are to be written (relative to the cast file). Throws a message naming
 * the problem.
 */
export function addMemberEdits(castText: string, name: string, images: readonly string[], description?: string): TextEdit[] {
  const problem = memberNameProblem(name, castMemberNames(castText));
  if (problem) throw new Error(problem);
  if (images.length < 2 || images.length > 4)
    throw new Error(l10n.t('Pick 2–4 images for {0}: the first is the frontal image, the others its 1–3 references.', name));
  const [frontal, ...refs] = images;
  const member: Record<string, unknown> = {
    ...(description !== undefined && { description }),
    frontal_image_url: frontal,
    reference_image_urls: refs,
  };
  // A new, empty cast file becomes one with this member.
  const base = castText.trim() === '' ? '{}' : castText;
  return editsBetween(castText, setValue(base, ['members', name], member));
}

/** Removing member `name` (its property, with its own lines). */
export function removeMemberEdits(castText: string, name: string): TextEdit[] {
  if (!castMemberNames(castText).includes(name)) throw new Error(l10n.t('The cast file has no member named {0}.', name));
  return editsBetween(castText, removeValue(castText, ['members', name]));
}

/** The names a shot's text lists in `"cast"`. */
export function shotCastNames(shotText: string): string[] {
  const tree = parseDocument(shotText).tree;
  return castNamesOf(tree && nodeValue(tree));
}

/** Adding members to a shot's `"cast"` (made when missing), after the names it lists already. */
export function addToShotCastEdits(shotText: string, names: readonly string[]): TextEdit[] {
  const listed = shotCastNames(shotText);
  let text = shotText;
  for (const name of names) if (!listed.includes(name)) text = insertValue(text, ['cast'], Number.MAX_SAFE_INTEGER, name);
  return editsBetween(shotText, text);
}
