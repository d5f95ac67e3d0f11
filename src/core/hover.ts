// Hover text for keys: label, description, default and allowed values from FIELD_INFO.
import * as l10n from '@vscode/l10n';
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { LineMap, nodeValue, parseDocument } from './parse';
import { BODY_KEYS, ENDPOINT_KINDS, ENDPOINT_IDS, resolveEndpoint } from './registry';
import { fieldInfo, type FieldInfo } from './field-info';
import type { JsonPath, Range } from './types';
import { markdownCode } from './ui-text';
import { mediaLimitsText } from './media/limits-text';

function pathOfKey(keyNode: Node): JsonPath {
  const path: JsonPath = [];
  let n: Node | undefined = keyNode;
  while (n) {
    const parent: Node | undefined = n.parent;
    if (!parent) break;
    if (parent.type === 'property') path.unshift(String(parent.children![0]!.value));
    else if (parent.type === 'array') path.unshift(parent.children!.indexOf(n));
    n = parent.type === 'property' ? parent.parent : parent;
    if (parent.type === 'array') n = parent;
  }
  return path;
}

function fmt(v: unknown): string {
  return '`' + JSON.stringify(v) + '`';
}

/** "text-to-video", or "text-to-video, inferred" when the file does not name its endpoint. */
export function endpointWhere(kind: string, inferred: boolean): string {
  return inferred ? l10n.t('{0}, inferred', kind) : kind;
}

export function fieldMarkdown(f: FieldInfo, where: string): string {
  const lines = [`**${f.label}** · \`${f.name || f.key}\` (${where})`, '', f.description];
  const facts: string[] = [];
  if (f.enum) facts.push(l10n.t('Allowed: {0}', f.enum.map(fmt).join(', ')));
  if (f.minimum !== undefined || f.maximum !== undefined) facts.push(l10n.t('Range: {0}–{1}', f.minimum ?? '−∞', f.maximum ?? '∞'));
  if (f.integer) facts.push(l10n.t('Whole numbers'));
  if (f.minLength !== undefined && f.maxLength !== undefined) facts.push(l10n.t('Length: {0}–{1} characters', f.minLength, f.maxLength));
  else if (f.maxLength !== undefined) facts.push(l10n.t('Max length: {0} characters', f.maxLength));
  else if (f.minLength !== undefined) facts.push(l10n.t('At least {0} characters', f.minLength));
  if (f.minItems !== undefined || f.maxItems !== undefined)
    facts.push(
      f.maxItems === undefined ? l10n.t('Items: {0}–any', f.minItems ?? 0) : l10n.t('Items: {0}–{1}', f.minItems ?? 0, f.maxItems),
    );
  if (f.default !== undefined) facts.push(l10n.t('Default: {0}', fmt(f.default)));
  facts.push(f.required ? l10n.t('Required') : l10n.t('Optional'));
  lines.push('', facts.join(' · '));
  // A media field (or a list of them) also names the file limits its checks apply.
  const files = f.role === undefined ? undefined : mediaLimitsText(f.role);
  if (files) lines.push('', f.type === 'array' ? l10n.t('Each item: {0}', files) : files);
  return lines.join('\n');
}

export function hoverInfo(text: string, offset: number): { markdown: string; range: Range } | undefined {
  try {
    const doc = parseDocument(text);
    if (!doc.tree) return undefined;
    const node = findNodeAtOffset(doc.tree, offset, true);
    if (!node || node.type !== 'string' || node.parent?.type !== 'property' || node.parent.children?.[0] !== node) return undefined;
    const lines = new LineMap(text);
    const range = lines.range(node.offset, node.length);
    const path = pathOfKey(node);
    const endpoint = resolveEndpoint(nodeValue(doc.tree));
    const where = endpointWhere(endpoint.kind, endpoint.inferred);
    if (path.length === 1 && path[0] === 'endpoint') {
      const ids = ENDPOINT_IDS.map(i => '`' + i + '`').join(', ');
      return {
        range,
        markdown: endpoint.inferred
          ? l10n.t(
              '**Endpoint** · `endpoint` (never sent)\n\nThe fal endpoint: a full id or an alias such as `text-to-video` or `standard/image-to-video`. Without it the endpoint is inferred from the fields. Resolved: `{0}` (inferred).\n\nKnown ids: {1}',
              endpoint.id,
              ids,
            )
          : l10n.t(
              '**Endpoint** · `endpoint` (never sent)\n\nThe fal endpoint: a full id or an alias such as `text-to-video` or `standard/image-to-video`. Without it the endpoint is inferred from the fields. Resolved: `{0}`.\n\nKnown ids: {1}',
              endpoint.id,
              ids,
            ),
      };
    }
    if (path.length === 1 && path[0] === '$schema') {
      return {
        range,
        markdown: l10n.t('**$schema** (never sent)\n\nJSON Schema for editor support; Kling Studio removes it from the request body.'),
      };
    }
    const info = fieldInfo(endpoint.id, path);
    if (info) return { range, markdown: fieldMarkdown(info, where) };
    const key = String(path[path.length - 1]);
    const others = path.length === 1 ? ENDPOINT_KINDS.filter(k => k !== endpoint.kind && BODY_KEYS[k].has(key)) : [];
    const otherInfo = others.length ? fieldInfo(others[0]!, path) : undefined;
    return {
      range,
      // The key is the file's own text: a code span keeps it literal (see ui-text.ts).
      markdown: others.length
        ? (others.length === 1
            ? l10n.t('**{0}** is not a field of {1}; fal ignores it here. It belongs to {2}.', markdownCode(key), endpoint.kind, others[0]!)
            : l10n.t(
                '**{0}** is not a field of {1}; fal ignores it here. It belongs to {2} and {3}.',
                markdownCode(key),
                endpoint.kind,
                others[0]!,
                others[1]!,
              )) + (otherInfo ? `\n\n${otherInfo.description}` : '')
        : l10n.t('**{0}** is not a known field of {1}; fal ignores it.', markdownCode(key), endpoint.kind),
    };
  } catch {
    return undefined;
  }
}
