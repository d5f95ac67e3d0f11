// Renaming a cast member: the smallest edits to its cast file and to every shot that uses it, so
// the faces can apply them as one undoable change. Pure: the caller hands in the texts. Edits are
// computed on the parse tree and touch only the name's own characters, so comments, layout and
// string escapes elsewhere stay as they are.
import * as l10n from '@vscode/l10n';
import { nodeAtPath, nodeValue, parseDocument, type Node } from '../parse';
import { promptTexts } from '../rules/elements';
import { isObject } from '../rules/issue';
import type { TextEdit } from '../types';
import { CAST_NAME, RESERVED_NAME } from './schema';

/** Why `name` cannot be the member's new name, or undefined when it can. `taken`: names already in use. */
export function memberNameProblem(name: string, taken: Iterable<string>): string | undefined {
  if (!CAST_NAME.test(name))
    return l10n.t('Member name {0}: use letters, digits and _, starting with a letter, so a prompt can say @{0}.', name);
  if (RESERVED_NAME.test(name)) return l10n.t("{0} is how prompts name fal's own inputs; give the member another name.", name);
  for (const t of taken) if (t === name) return l10n.t('A member named {0} already exists.', name);
  return undefined;
}

/** The key node of member `name` in a cast file's text, if the file defines it. */
export function memberKeyNode(castText: string, name: string): Node | undefined {
  const tree = parseDocument(castText).tree;
  const value = nodeAtPath(tree, ['members', name]);
  const prop = value?.parent;
  return prop?.type === 'property' ? prop.children?.[0] : undefined;
}

/** The edit that renames member `oldName` in its cast file (the key only; its value is untouched). */
export function renameInCast(castText: string, oldName: string, newName: string): TextEdit[] {
  const key = memberKeyNode(castText, oldName);
  return key ? [{ offset: key.offset, length: key.length, content: JSON.stringify(newName) }] : [];
}

/** `@Old` as a whole name: `@Old2` and `@Old_x` are other members. */
function mentionPattern(name: string): RegExp {
  return new RegExp(`@${name}(?![A-Za-z0-9_])`, 'g');
}

/**
 * The edits that rename `oldName` in one shot's text: its `"cast"` entries and every `@Old` in its
 * prompt and multi-shot prompts. A shot that does not use the member gets none.
 */
export function renameInShot(shotText: string, oldName: string, newName: string): TextEdit[] {
  const tree = parseDocument(shotText).tree;
  if (!tree) return [];
  const root = nodeValue(tree);
  if (!isObject(root)) return [];
  const edits: TextEdit[] = [];
  const castNode = nodeAtPath(tree, ['cast']);
  if (castNode?.type === 'array') {
    for (const item of castNode.children ?? [])
      if (item.type === 'string' && item.value === oldName)
        edits.push({ offset: item.offset, length: item.length, content: JSON.stringify(newName) });
  }
  for (const { path } of promptTexts(root)) {
    const node = nodeAtPath(tree, path);
    if (node?.type !== 'string') continue;
    // The raw literal between its quotes: a name has no characters JSON escapes, so `@Old` is
    // written the same in the text as in the value.
    const raw = shotText.slice(node.offset, node.offset + node.length);
    const re = mentionPattern(oldName);
    for (let m = re.exec(raw); m; m = re.exec(raw))
      edits.push({ offset: node.offset + m.index + 1, length: oldName.length, content: newName });
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

export interface MemberRename {
  cast: TextEdit[];
  /** Only the shots that change, with their edits. */
  shots: { file: string; edits: TextEdit[] }[];
}

/**
 * Every edit of renaming `oldName` to `newName`: the member's key in its cast file and its uses in
 * `shots` (the shots that resolve to this cast file; the caller finds them). Throws a message
 * naming the problem when the new name is not allowed or the member is not in the cast file.
 */
export function renameMember(
  castText: string,
  oldName: string,
  newName: string,
  shots: readonly { file: string; text: string }[],
  alsoTaken: Iterable<string> = [],
): MemberRename {
  const tree = parseDocument(castText).tree;
  const members = tree && nodeValue(tree);
  const names = isObject(members) && isObject(members.members) ? Object.keys(members.members) : [];
  if (!names.includes(oldName)) throw new Error(l10n.t('The cast file has no member named {0}.', oldName));
  if (newName === oldName) return { cast: [], shots: [] };
  const problem = memberNameProblem(newName, [...names, ...alsoTaken]);
  if (problem) throw new Error(problem);
  return {
    cast: renameInCast(castText, oldName, newName),
    shots: shots.map(s => ({ file: s.file, edits: renameInShot(s.text, oldName, newName) })).filter(s => s.edits.length > 0),
  };
}

/** Whether a shot's text uses member `name`: lists it in "cast" or says @name in a prompt. */
export function shotUsesMember(shotText: string, name: string): boolean {
  return renameInShot(shotText, name, name).length > 0;
}
