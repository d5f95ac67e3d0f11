// Primitive JSONC text operations on a shot file: set, remove, insert into a list, move a list item.
// Each returns the new text. They are written against the parse tree rather than with
// jsonc-parser's `modify`, because `modify` reformats whole neighbouring lines on insert/remove and
// drops a comment that trails the previous property; here only the touched node, its separator and
// (for a removal) its own line change. Comments, key order, unknown keys, CRLF and tabs are kept.
import * as l10n from '@vscode/l10n';
import { applyEdits } from 'jsonc-parser';
import { nodeAtPath, nodeValue, parseDocument, type Node } from '../parse';
import type { JsonPath, TextEdit } from '../types';
import { detectFormatStyle, type FormatStyle } from './format-style';

export class EditError extends Error {}

function rootOf(text: string): Node {
  const doc = parseDocument(text);
  if (!doc.tree || doc.tree.type !== 'object')
    throw new EditError(l10n.t('The shot file is not a JSON object; fix it in the text editor first.'));
  return doc.tree;
}

const splice = (text: string, offset: number, length: number, content: string) =>
  text.slice(0, offset) + content + text.slice(offset + length);
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function unit(style: FormatStyle): string {
  return style.insertSpaces ? ' '.repeat(style.tabSize) : '\t';
}

/** Leading whitespace of the line holding `offset`, and whether only whitespace precedes it there. */
function lineIndent(text: string, offset: number): { indent: string; ownLine: boolean; lineStart: number } {
  let i = offset;
  while (i > 0 && isBlank(text[i - 1])) i--;
  const ownLine = i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r';
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = s;
  while (isBlank(text[e])) e++;
  return { indent: text.slice(s, e), ownLine, lineStart: i };
}

/** JSON text of a value laid out like the file, its first line at the caller's position. */
function formatValue(value: unknown, style: FormatStyle, baseIndent: string): string {
  const json = JSON.stringify(value, null, unit(style));
  if (json === undefined) throw new EditError(l10n.t('Cannot write an undefined value.'));
  return json
    .split('\n')
    .map((line, i) => (i === 0 ? line : baseIndent + line))
    .join(style.eol);
}

/** Skip blanks and comments after `offset` on the same line; returns where the line's content ends. */
function restOfLine(text: string, offset: number): { end: number; onlyTrivia: boolean } {
  let i = offset;
  for (;;) {
    while (isBlank(text[i])) i++;
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const nl = text.slice(i, close < 0 ? text.length : close).search(/[\r\n]/);
      if (close < 0 || nl >= 0) return { end: i, onlyTrivia: false };
      i = close + 2;
      continue;
    }
    break;
  }
  const atEol = i >= text.length || text[i] === '\n' || text[i] === '\r';
  return { end: i, onlyTrivia: atEol };
}

/** Offset just after the comma that follows `node` (skipping trivia), or undefined if there is none. */
function commaAfter(text: string, node: Node, limit: number): number | undefined {
  let i = node.offset + node.length;
  while (i < limit) {
    const c = text[i]!;
    if (c === ',') return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < limit && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return undefined;
      i = close + 2;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The node a member of an object or array occupies: the property (key + value) or the item. */
function memberOf(valueNode: Node): Node {
  return valueNode.parent?.type === 'property' ? valueNode.parent : valueNode;
}

/** Remove the key or list item at `path` (with its separating comma). Missing paths are a no-op. */
export function removeValue(text: string, path: JsonPath): string {
  if (path.length === 0) throw new EditError(l10n.t('Cannot remove the whole request.'));
  const node = nodeAtPath(rootOf(text), path);
  if (!node) return text;
  const member = memberOf(node);
  const container = member.parent!;
  const siblings = container.children!;
  const index = siblings.indexOf(member);
  const containerEnd = container.offset + container.length - 1;
  const comma = commaAfter(text, member, containerEnd);
  const prev = index > 0 ? siblings[index - 1] : undefined;
  const { ownLine, lineStart } = lineIndent(text, member.offset);
  let out = text;
  // Work from the end of the text backwards so earlier offsets stay valid.
  const afterMember = comma !== undefined ? comma + 1 : member.offset + member.length;
  const rest = restOfLine(text, afterMember);
  if (ownLine && rest.onlyTrivia) {
    // The member has its lines to itself: drop them whole, with a comment trailing it on its line.
    let end = rest.end;
    if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    out = splice(out, lineStart, end - lineStart, '');
  } else {
    let end = afterMember;
    while (comma !== undefined && isBlank(text[end])) end++;
    out = splice(out, member.offset, end - member.offset, '');
  }
  // The last member loses its place: the comma after the previous one would now dangle.
  if (comma === undefined && prev) {
    const prevComma = commaAfter(text, prev, member.offset);
    if (prevComma !== undefined) {
      let start = prevComma;
      if (!ownLine) {
        while (start > prev.offset + prev.length && /\s/.test(text[start - 1]!)) start--;
      }
      out = splice(out, start, (ownLine ? prevComma + 1 : member.offset) - start, '');
    }
  }
  return out;
}

/**
 * Insert a member (`"key": value` for objects, `value` for arrays) into `container` before
 * `index` (≥ length appends), following the container's layout: one member per line, or inline.
 */
function insertMember(text: string, container: Node, index: number, key: string | undefined, value: unknown): string {
  const style = detectFormatStyle(text);
  const children = container.children ?? [];
  const prefix = key === undefined ? '' : `${JSON.stringify(key)}: `;
  if (children.length === 0) {
    // `{}` / `[]`: open it up onto its own lines, indented one level below the container's line.
    const base = lineIndent(text, container.offset).indent;
    const inner = base + unit(style);
    const body = prefix + formatValue(value, style, inner);
    return splice(text, container.offset + 1, container.length - 2, `${style.eol}${inner}${body}${style.eol}${base}`);
  }
  const at = Math.min(index, children.length);
  if (at < children.length) {
    const next = children[at]!;
    const li = lineIndent(text, next.offset);
    if (li.ownLine) {
      return splice(text, li.lineStart, 0, `${li.indent}${prefix}${formatValue(value, style, li.indent)},${style.eol}`);
    }
    return splice(text, next.offset, 0, `${prefix}${JSON.stringify(value)}, `);
  }
  const prev = children[children.length - 1]!;
  const li = lineIndent(text, prev.offset);
  const containerEnd = container.offset + container.length - 1;
  const comma = commaAfter(text, prev, containerEnd);
  if (li.ownLine) {
    // After the previous member's line (and its trailing comment); keep a trailing-comma style.
    const after = comma !== undefined ? comma + 1 : prev.offset + prev.length;
    const rest = restOfLine(text, after);
    const insertAt = rest.onlyTrivia ? rest.end : after;
    const member = `${style.eol}${li.indent}${prefix}${formatValue(value, style, li.indent)}${comma !== undefined ? ',' : ''}`;
    let out = splice(text, insertAt, 0, member);
    if (comma === undefined) out = splice(out, prev.offset + prev.length, 0, ',');
    return out;
  }
  const end = prev.offset + prev.length;
  return comma !== undefined
    ? splice(text, comma + 1, 0, ` ${prefix}${JSON.stringify(value)},`)
    : splice(text, end, 0, `, ${prefix}${JSON.stringify(value)}`);
}

/** Set the value at `path`, creating missing parents. An existing value is replaced in place. */
export function setValue(text: string, path: JsonPath, value: unknown): string {
  if (path.length === 0) throw new EditError(l10n.t('Cannot replace the whole request.'));
  const root = rootOf(text);
  const node = nodeAtPath(root, path);
  if (node) {
    const style = detectFormatStyle(text);
    const literal =
      value !== null && typeof value === 'object' ? formatValue(value, style, lineIndent(text, node.offset).indent) : JSON.stringify(value);
    if (text.slice(node.offset, node.offset + node.length) === literal) return text;
    return splice(text, node.offset, node.length, literal);
  }
  // Find the deepest existing ancestor and insert the rest of the path as a nested value there.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? root : nodeAtPath(root, path.slice(0, depth));
    if (!parent) continue;
    let nested: unknown = value;
    for (let i = path.length - 1; i > depth; i--) nested = typeof path[i] === 'number' ? [nested] : { [path[i] as string]: nested };
    const seg = path[depth]!;
    if (parent.type === 'object' && typeof seg === 'string') return insertMember(text, parent, Number.MAX_SAFE_INTEGER, seg, nested);
    if (parent.type === 'array' && typeof seg === 'number') return insertMember(text, parent, seg, undefined, nested);
    throw new EditError(
      depth === 0 || path.slice(0, depth).join('.') === ''
        ? l10n.t('Cannot set {0}: the request is a {1}.', path.join('.'), parent.type)
        : l10n.t('Cannot set {0}: {1} is a {2}.', path.join('.'), path.slice(0, depth).join('.'), parent.type),
    );
  }
  throw new EditError(l10n.t('Cannot set {0}.', path.join('.')));
}

/** Insert `value` into the list at `arrayPath` before `index` (index ≥ length appends). */
export function insertValue(text: string, arrayPath: JsonPath, index: number, value: unknown): string {
  const arr = nodeAtPath(rootOf(text), arrayPath);
  if (!arr) return setValue(text, arrayPath, [value]);
  if (arr.type !== 'array') throw new EditError(l10n.t('{0} is not a list.', arrayPath.join('.')));
  return insertMember(text, arr, Math.max(0, index), undefined, value);
}

/**
 * The edits that move list item `from` to position `to` (both in range): each slot between the
 * two takes its new item's source text verbatim (comments inside it too), so separators, layout
 * and every slot outside that span stay as they were. Empty when nothing moves.
 */
export function moveItemEdits(items: readonly Node[], text: string, from: number, to: number): TextEdit[] {
  const sources = items.map(node => text.slice(node.offset, node.offset + node.length));
  const order = [...sources];
  order.splice(to, 0, ...order.splice(from, 1));
  const edits: TextEdit[] = [];
  items.forEach((node, i) => {
    if (order[i] !== sources[i]) edits.push({ offset: node.offset, length: node.length, content: order[i]! });
  });
  return edits;
}

/** Move a list item (`to` is clamped to the list). */
export function moveItem(text: string, arrayPath: JsonPath, from: number, to: number): string {
  const arr = nodeAtPath(rootOf(text), arrayPath);
  const items = arr?.type === 'array' ? (arr.children ?? []) : [];
  if (from < 0 || from >= items.length) throw new EditError(l10n.t('There is no item {0} to move.', from + 1));
  return applyEdits(text, moveItemEdits(items, text, from, Math.max(0, Math.min(to, items.length - 1))));
}

/** The parsed value at a path (last duplicate wins, like JSON.parse), or undefined. */
export function valueAt(text: string, path: JsonPath): unknown {
  const tree = parseDocument(text).tree;
  const node = tree && nodeAtPath(tree, path);
  return node ? nodeValue(node) : undefined;
}
