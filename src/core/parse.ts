// One jsonc-parser pass per analysis: the tree gives every rule its source ranges, so nothing is
// re-parsed. Comments and trailing commas are accepted silently: the file is JSONC and the body
// sent to fal is re-serialised from the parsed value, so neither can reach fal.
import * as l10n from '@vscode/l10n';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath, Position, Range } from './types';

export type { Node } from 'jsonc-parser';

export const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false } as const;

export interface ParsedDocument {
  text: string;
  tree: Node | undefined;
  errors: ParseError[];
  tooDeep: boolean;
}

export function parseDocument(text: string): ParsedDocument {
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, PARSE_OPTIONS);
  } catch {
    // Only absurd nesting makes the recursive parser overflow the stack; report it as a parse error.
    tree = undefined;
    errors.length = 0;
    errors.push({ error: 0 as ParseError['error'], offset: 0, length: Math.min(text.length, 1) });
    return { text, tree, errors, tooDeep: true };
  }
  return { text, tree, errors, tooDeep: false };
}

/**
 * A parsed file with no JSON value in it (nothing, blanks or only comments): a new file to fill,
 * which its editor offers a template for and its diagnostic calls empty, not "Value expected".
 */
export function isBlankDocument(doc: ParsedDocument): boolean {
  return !doc.tooDeep && doc.tree === undefined && doc.errors.every(e => printParseErrorCode(e.error) === 'ValueExpected');
}

/** Whether `text` is blank in the sense of `isBlankDocument` (a UTF-8 BOM counts as blank). */
export function isBlankJson(text: string): boolean {
  return isBlankDocument(parseDocument(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text));
}

/** jsonc-parser's error, named in words (the export needs one literal call per message). */
function parseProblem(name: string): string {
  switch (name) {
    case 'InvalidSymbol':
      return l10n.t('Invalid symbol');
    case 'InvalidNumberFormat':
      return l10n.t('Invalid number format');
    case 'PropertyNameExpected':
      return l10n.t('Property name expected (a double-quoted string)');
    case 'ValueExpected':
      return l10n.t('Value expected');
    case 'ColonExpected':
      return l10n.t('Colon expected');
    case 'CommaExpected':
      return l10n.t('Comma expected');
    case 'CloseBraceExpected':
      return l10n.t('Closing brace "}" expected');
    case 'CloseBracketExpected':
      return l10n.t('Closing bracket "]" expected');
    case 'EndOfFileExpected':
      return l10n.t('End of file expected (only one top-level value is allowed)');
    case 'InvalidCommentToken':
      return l10n.t('Invalid comment');
    case 'UnexpectedEndOfComment':
      return l10n.t('Unterminated comment');
    case 'UnexpectedEndOfString':
      return l10n.t('Unterminated string');
    case 'UnexpectedEndOfNumber':
      return l10n.t('Unterminated number');
    case 'InvalidUnicode':
      return l10n.t('Invalid unicode escape');
    case 'InvalidEscapeCharacter':
      return l10n.t('Invalid escape character');
    case 'InvalidCharacter':
      return l10n.t('Invalid character (control characters must be escaped in strings)');
    default:
      return name;
  }
}

/** jsonc-parser's error code in words (never its bare name or "<unknown ParseErrorCode>"). */
export function parseErrorWords(error: ParseError['error']): string {
  return parseProblem(printParseErrorCode(error));
}

export function parseErrorMessage(error: ParseError): string {
  return l10n.t('{0}: the shot file must be JSON (comments and trailing commas are allowed)', parseErrorWords(error.error));
}

/**
 * The first JSON problem of `text` in words with its line and column (1-based), for a file read
 * as plain JSON (a take record, a sidecar): "Comma expected at line 3, column 7". Undefined when
 * jsonc-parser finds nothing (strict JSON's own complaints, such as a comment, are then named by
 * the caller).
 */
export function jsonProblemAt(text: string): string | undefined {
  const doc = parseDocument(text);
  const e = doc.errors[0];
  if (!e) return undefined;
  if (doc.tooDeep) return l10n.t('nested too deeply to read');
  const at = new LineMap(text).position(Math.min(e.offset, text.length));
  return l10n.t('{0} at line {1}, column {2}', parseErrorWords(e.error), at.line + 1, at.character + 1);
}

/** Offset → line/character, built once per text and only when a diagnostic needs it. */
export class LineMap {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts();
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    const line = Math.max(0, Math.min(position.line, starts.length - 1));
    return Math.min(starts[line]! + Math.max(0, position.character), this.text.length);
  }
}

/**
 * The node at a path; for duplicate keys the LAST one, because that is the value JSON.parse (and
 * therefore the request body) keeps.
 */
export function nodeAtPath(tree: Node | undefined, path: JsonPath): Node | undefined {
  let node = tree;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') {
      if (node.type !== 'array' || !node.children) return undefined;
      node = node.children[seg];
    } else {
      if (node.type !== 'object' || !node.children) return undefined;
      let found: Node | undefined;
      for (let i = node.children.length - 1; i >= 0; i--) {
        const prop = node.children[i]!;
        if (prop.children?.[0]?.value === seg) {
          found = prop.children[1];
          break;
        }
      }
      node = found;
    }
  }
  return node;
}

/** The property node (key + value) owning a value node, if it is an object member. */
export function propertyOf(valueNode: Node): Node | undefined {
  return valueNode.parent?.type === 'property' ? valueNode.parent : undefined;
}

/**
 * Source offset of a decoded string index inside a string literal node, following escapes so a
 * reference like @Element4 after a "\n" still gets its exact range.
 */
export function stringSourceOffset(text: string, node: Node, decodedIndex: number): number {
  const start = node.offset + 1;
  const end = node.offset + node.length - 1;
  let i = start;
  let decoded = 0;
  while (i < end && decoded < decodedIndex) {
    if (text.charCodeAt(i) === 92 /* \ */) i += text.charCodeAt(i + 1) === 117 /* u */ ? 6 : 2;
    else i += 1;
    decoded++;
  }
  return Math.min(i, end);
}

/** Plain value of a tree, like JSON.parse (last duplicate wins, "__proto__" stays an own key). */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        const key = String(k.value);
        const value = nodeValue(v);
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
      }
      return obj;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
