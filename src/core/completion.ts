// Completion for shot files in the text editor, from the same field metadata (FIELD_INFO, from
// the zod schemas) as validation and hovers: missing keys of the object under the cursor with
// their defaults, and a field's allowed values. VS Code's JSON support does not run on shot files
// (they have their own language), so this is the only completion source.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, getLocation, parseTree, type Node } from 'jsonc-parser';
import { withoutNulls } from './absent';
import { fieldInfo, fieldKey, fieldsOf, type FieldInfo } from './field-info';
import { endpointWhere, fieldMarkdown } from './hover';
import { nodeValue, PARSE_OPTIONS } from './parse';
import { ENDPOINT_ALIASES, ENDPOINT_IDS, resolveEndpoint } from './registry';
import type { JsonPath } from './types';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  /** Snippet syntax ($1, ${1:default}); plain text when it holds none. */
  insertText: string;
  /** The source span the entry replaces (a partly typed key or value). */
  replace: { offset: number; length: number };
  detail?: string;
  /** Markdown. */
  documentation?: string;
  preselect?: boolean;
}

const snippetEscape = (s: string) => s.replace(/[$}\\]/g, m => `\\${m}`);

function valueSnippet(f: FieldInfo): string {
  if (f.enum) {
    // A choice list, the default first.
    const values = f.default !== undefined ? [String(f.default), ...f.enum.filter(v => v !== f.default)] : [...f.enum];
    return `"\${1|${values.map(v => v.replace(/[,|]/g, m => `\\${m}`)).join(',')}|}"`;
  }
  if (f.default !== undefined) return `\${1:${snippetEscape(JSON.stringify(f.default))}}`;
  switch (f.type) {
    case 'array':
      return '[$1]';
    case 'object':
      return '{$1}';
    case 'boolean':
      return '${1:true}';
    case 'number':
      return '${1:0}';
    default:
      return '"$1"';
  }
}

/** The fields that may appear directly in the object at `objectPath`. */
function fieldsOfObject(endpoint: string, objectPath: JsonPath): FieldInfo[] {
  const prefix = objectPath.length === 0 ? '' : `${fieldKey(objectPath)}.`;
  return fieldsOf(endpoint).filter(f => f.name !== '' && f.key.startsWith(prefix) && !f.key.slice(prefix.length).includes('.'));
}

/** The partly typed key or value under the cursor, replaced by the chosen entry. */
function tokenAt(offset: number, previous: Node | undefined): { offset: number; length: number } {
  if (previous && previous.offset <= offset && offset <= previous.offset + previous.length)
    return { offset: previous.offset, length: previous.length };
  return { offset, length: 0 };
}

export function completionsAt(text: string, offset: number): CompletionEntry[] {
  try {
    return complete(text, offset);
  } catch {
    return [];
  }
}

function complete(text: string, offset: number): CompletionEntry[] {
  const tree = parseTree(text, [], PARSE_OPTIONS);
  const root = tree ? withoutNulls(nodeValue(tree)) : undefined;
  const endpoint = resolveEndpoint(root);
  const loc = getLocation(text, offset);
  const replace = tokenAt(offset, loc.previousNode);
  const where = endpointWhere(endpoint.kind, endpoint.inferred);

  if (loc.isAtPropertyKey) {
    const objectPath = loc.path.slice(0, -1);
    const objectNode = tree && (objectPath.length ? findNodeAtLocation(tree, objectPath) : tree);
    const present = new Set(
      (objectNode?.type === 'object' ? (objectNode.children ?? []) : [])
        .map(p => p.children?.[0])
        .filter((k): k is Node => !!k && !(k.offset <= offset && offset <= k.offset + k.length))
        .map(k => String(k.value)),
    );
    const out: CompletionEntry[] = fieldsOfObject(endpoint.id, objectPath)
      .filter(f => !present.has(f.name))
      .map(f => ({
        label: f.name,
        kind: 'property' as const,
        insertText: `"${f.name}": ${valueSnippet(f)}`,
        replace,
        detail: f.required ? l10n.t('{0} (required)', f.label) : f.label,
        documentation: fieldMarkdown(f, where),
        preselect: f.required,
      }));
    if (objectPath.length === 0 && !present.has('endpoint')) {
      out.push({
        label: 'endpoint',
        kind: 'property',
        insertText: `"endpoint": "\${1|${Object.keys(ENDPOINT_ALIASES)
          .filter(a => !a.includes('/'))
          .join(',')}|}"`,
        replace,
        detail: l10n.t('Endpoint (never sent; inferred when absent)'),
      });
    }
    return out;
  }

  const path = loc.path;
  if (path.length === 1 && path[0] === 'endpoint') {
    return [...Object.keys(ENDPOINT_ALIASES), ...ENDPOINT_IDS].map(id => ({
      label: id,
      kind: 'value' as const,
      insertText: JSON.stringify(id),
      replace,
      detail: ENDPOINT_ALIASES[id] ?? l10n.t('fal endpoint id'),
    }));
  }
  const f = fieldInfo(endpoint.id, path);
  if (!f) return [];
  const values: unknown[] = f.enum ? [...f.enum] : f.type === 'boolean' ? [true, false] : f.default !== undefined ? [f.default] : [];
  return values.map(v => ({
    label: JSON.stringify(v),
    kind: 'value' as const,
    insertText: JSON.stringify(v),
    replace,
    detail: v === f.default ? l10n.t('{0} (default)', f.label) : f.label,
    documentation: fieldMarkdown(f, where),
    preselect: v === f.default,
  }));
}
