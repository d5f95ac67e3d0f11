// What a rule reports before it is tied to the source: a JSON path plus which part of the node at
// that path is meant. The same issues become editor diagnostics (diagnostics.ts) and fal-style 422
// details for the simulator (request-body.ts).
import * as l10n from '@vscode/l10n';
import type { DiagnosticCode } from '../codes';
import type { EndpointKind, JsonPath } from '../types';

export type IssueTarget =
  | 'value'
  | 'key'
  /** A slice of a string value, in decoded-string indexes. */
  | { start: number; length: number };

export interface RuleIssue {
  /** Its severity comes from the code (codes.ts). */
  code: DiagnosticCode;
  message: string;
  /** Path of the offending node; for a missing key, the path it should have. */
  path: JsonPath;
  target?: IssueTarget;
  /** Explicit source span, for tree rules that already hold the node (e.g. an earlier duplicate key). */
  at?: { offset: number; length: number };
  data?: unknown;
  /** How the simulator reports it (pydantic v2 style type and message); omitted for warnings. */
  fal?: { type: string; msg: string; loc?: (string | number)[]; ctx?: unknown };
}

export interface RuleInput {
  kind: EndpointKind;
  /** The endpoint id (or alias) whose schema applies; without it, the kind's first entry's. */
  endpoint?: string;
  body: Record<string, unknown>;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `multi_prompt[2].duration` style, for messages. */
export function pathLabel(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s === '' ? l10n.t('the request') : s;
}

export function quoteList(values: readonly string[]): string {
  if (values.length > 6 && values.every(v => /^\d+$/.test(v))) return `"${values[0]}"…"${values[values.length - 1]}"`;
  return values.map(v => JSON.stringify(v)).join(', ');
}

/** What a message says it got: a noun phrase, translated whole, that fills a message's `{n}`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return l10n.t('an array');
  if (typeof v === 'object') return l10n.t('an object');
  if (typeof v === 'string') return v.length > 40 ? l10n.t('a string') : JSON.stringify(v);
  if (typeof v === 'number') return l10n.t('number {0}', String(v));
  if (typeof v === 'boolean') return l10n.t('boolean {0}', String(v));
  return `${typeof v} ${String(v)}`;
}

export function valueAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(v)) return undefined;
      v = v[seg];
    } else {
      if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
      v = v[seg];
    }
  }
  return v;
}
