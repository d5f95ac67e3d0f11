// A fast path for the common case, a well-formed file: one charCodeAt pass building the same
// Node tree jsonc-parser's parseTree builds (same shapes, offsets and values), about three times
// faster. On anything unusual (any syntax error, exotic whitespace, deep nesting) it gives up and
// parse.ts falls back to jsonc-parser, which then owns error recovery and messages. A unit test
// checks tree equality against parseTree on generated documents.
import type { Node } from 'jsonc-parser';

const BAIL = Symbol('bail');
interface MutableNode {
  type: Node['type'];
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: Node;
  children?: Node[];
}
const MAX_DEPTH = 256;

export interface FastParse {
  tree: Node;
  value: unknown;
}

/** The tree and its plain value (JSON.parse semantics), or undefined to fall back. */
export function fastParseTree(text: string): FastParse | undefined {
  const p = new Parser(text);
  try {
    p.skip();
    if (p.pos >= p.n) return undefined;
    const out: FastParse = { tree: undefined as unknown as Node, value: undefined };
    out.tree = p.value(undefined, 0);
    out.value = p.lastValue;
    p.skip();
    return p.pos === p.n ? out : undefined;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

// Runs of ordinary string characters, matched natively rather than char by char.
const PLAIN = /[^"\\\x00-\x1f]*/y;

// A class rather than closures: no per-parse function allocation.
class Parser {
  pos = 0;
  readonly n: number;
  /** Plain value of the node value() last returned. */
  lastValue: unknown = undefined;
  constructor(readonly text: string) {
    this.n = text.length;
  }

  skip(): void {
    const text = this.text,
      n = this.n;
    let pos = this.pos;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        pos++;
        continue;
      }
      if (c !== 47) break;
      const d = text.charCodeAt(pos + 1);
      if (d === 47) {
        pos += 2;
        while (pos < n) {
          const e = text.charCodeAt(pos);
          if (e === 10 || e === 13) break;
          if (e === 0x2028 || e === 0x2029) throw BAIL;
          pos++;
        }
      } else if (d === 42) {
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) throw BAIL;
        pos = end + 2;
      } else throw BAIL;
    }
    this.pos = pos;
  }

  string(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    for (;;) {
      PLAIN.lastIndex = pos;
      PLAIN.test(text);
      pos = PLAIN.lastIndex;
      if (pos >= this.n) throw BAIL;
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c !== 92) throw BAIL;
      escaped = true;
      const e = text.charCodeAt(pos + 1);
      if (e === 117) {
        for (let k = 2; k < 6; k++) {
          const h = text.charCodeAt(pos + k);
          if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) throw BAIL;
        }
        pos += 6;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) pos += 2;
      else throw BAIL;
    }
    pos++;
    this.pos = pos;
    const value = escaped ? (JSON.parse(text.slice(start, pos)) as string) : text.slice(start + 1, pos - 1);
    this.lastValue = value;
    return { type: 'string', value, offset: start, length: pos - start, parent };
  }

  digits(): void {
    const s = this.pos;
    let pos = s;
    while (pos < this.n) {
      const c = this.text.charCodeAt(pos);
      if (c < 48 || c > 57) break;
      pos++;
    }
    if (pos === s) throw BAIL;
    this.pos = pos;
  }

  number(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    if (text.charCodeAt(this.pos) === 45) this.pos++;
    if (text.charCodeAt(this.pos) === 48) this.pos++;
    else this.digits();
    if (text.charCodeAt(this.pos) === 46) {
      this.pos++;
      this.digits();
    }
    const e = text.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      this.pos++;
      const s = text.charCodeAt(this.pos);
      if (s === 43 || s === 45) this.pos++;
      this.digits();
    }
    const value = Number(text.slice(start, this.pos));
    this.lastValue = value;
    return { type: 'number', value, offset: start, length: this.pos - start, parent };
  }

  literal(word: string, type: 'boolean' | 'null', value: boolean | null, parent: Node | undefined): Node {
    if (!this.text.startsWith(word, this.pos)) throw BAIL;
    const start = this.pos;
    this.pos += word.length;
    const c = this.text.charCodeAt(this.pos);
    // jsonc-parser reads `truex` as one unknown token; stay out of that case.
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36) throw BAIL;
    this.lastValue = value;
    return { type, value, offset: start, length: word.length, parent };
  }

  value(parent: Node | undefined, depth: number): Node {
    if (depth > MAX_DEPTH) throw BAIL;
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 34) return this.string(parent);
    if (c === 123) {
      const node: MutableNode = { type: 'object', offset: this.pos, length: -1, parent, children: [] };
      const obj: Record<string, unknown> = {};
      this.pos++;
      this.skip();
      while (text.charCodeAt(this.pos) !== 125) {
        if (text.charCodeAt(this.pos) !== 34) throw BAIL;
        const prop: MutableNode = { type: 'property', offset: this.pos, length: -1, parent: node, children: [] };
        const key = this.string(prop);
        prop.children!.push(key);
        this.skip();
        if (text.charCodeAt(this.pos) !== 58) throw BAIL;
        prop.colonOffset = this.pos;
        this.pos++;
        this.skip();
        if (this.pos >= this.n) throw BAIL;
        const v = this.value(prop, depth + 1);
        prop.children!.push(v);
        prop.length = v.offset + v.length - prop.offset;
        node.children!.push(prop);
        const k = key.value as string;
        if (k === '__proto__')
          Object.defineProperty(obj, k, { value: this.lastValue, enumerable: true, writable: true, configurable: true });
        else obj[k] = this.lastValue;
        this.skip();
        const sep = text.charCodeAt(this.pos);
        if (sep === 44) {
          this.pos++;
          this.skip();
          continue;
        }
        if (sep !== 125) throw BAIL;
      }
      this.pos++;
      node.length = this.pos - node.offset;
      this.lastValue = obj;
      return node;
    }
    if (c === 91) {
      const node: MutableNode = { type: 'array', offset: this.pos, length: -1, parent, children: [] };
      const arr: unknown[] = [];
      this.pos++;
      this.skip();
      while (text.charCodeAt(this.pos) !== 93) {
        if (this.pos >= this.n) throw BAIL;
        node.children!.push(this.value(node, depth + 1));
        arr.push(this.lastValue);
        this.skip();
        const sep = text.charCodeAt(this.pos);
        if (sep === 44) {
          this.pos++;
          this.skip();
          continue;
        }
        if (sep !== 93) throw BAIL;
      }
      this.pos++;
      node.length = this.pos - node.offset;
      this.lastValue = arr;
      return node;
    }
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(parent);
    if (c === 116) return this.literal('true', 'boolean', true, parent);
    if (c === 102) return this.literal('false', 'boolean', false, parent);
    if (c === 110) return this.literal('null', 'null', null, parent);
    throw BAIL;
  }
}
