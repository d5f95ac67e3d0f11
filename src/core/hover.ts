// Hover text for keys: label, description, default and allowed values from FIELD_INFO.
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { LineMap, nodeValue, parseDocument } from './parse';
import { BODY_KEYS, ENDPOINT_KINDS, ENDPOINT_IDS, resolveEndpoint } from './schema/endpoints';
import { fieldInfo, type FieldInfo } from './field-info';
import type { JsonPath, Range } from './types';
import { markdownCode } from './markdown-text';

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

export function fieldMarkdown(f: FieldInfo, where: string): string {
  const lines = [`**${f.label}** · \`${f.name || f.key}\` (${where})`, '', f.description];
  const facts: string[] = [];
  if (f.enum) facts.push(`Allowed: ${f.enum.map(fmt).join(', ')}`);
  if (f.minimum !== undefined || f.maximum !== undefined) facts.push(`Range: ${f.minimum ?? '−∞'}–${f.maximum ?? '∞'}`);
  if (f.maxLength !== undefined) facts.push(`Max length: ${f.maxLength} characters`);
  if (f.minItems !== undefined || f.maxItems !== undefined) facts.push(`Items: ${f.minItems ?? 0}–${f.maxItems ?? 'any'}`);
  if (f.default !== undefined) facts.push(`Default: ${fmt(f.default)}`);
  facts.push(f.required ? 'Required' : 'Optional');
  lines.push('', facts.join(' · '));
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
    const where = `${endpoint.kind}${endpoint.inferred ? ', inferred' : ''}`;
    if (path.length === 1 && path[0] === 'endpoint') {
      return {
        range,
        markdown: `**Endpoint** · \`endpoint\` (never sent)\n\nThe fal endpoint: a full id or an alias such as \`text-to-video\` or \`standard/image-to-video\`. Without it the endpoint is inferred from the fields. Resolved: \`${endpoint.id}\`${endpoint.inferred ? ' (inferred)' : ''}.\n\nKnown ids: ${ENDPOINT_IDS.map(i => '`' + i + '`').join(', ')}`,
      };
    }
    if (path.length === 1 && path[0] === '$schema') {
      return {
        range,
        markdown: '**$schema** (never sent)\n\nJSON Schema for editor support; Kling Studio removes it from the request body.',
      };
    }
    const info = fieldInfo(endpoint.kind, path);
    if (info) return { range, markdown: fieldMarkdown(info, where) };
    const key = String(path[path.length - 1]);
    const others = path.length === 1 ? ENDPOINT_KINDS.filter(k => k !== endpoint.kind && BODY_KEYS[k].has(key)) : [];
    const otherInfo = others.length ? fieldInfo(others[0]!, path) : undefined;
    return {
      range,
      // The key is the file's own text: a code span keeps it literal (see markdown-text.ts).
      markdown: others.length
        ? `**${markdownCode(key)}** is not a field of ${endpoint.kind}; fal ignores it here. It belongs to ${others.join(' and ')}.${otherInfo ? `\n\n${otherInfo.description}` : ''}`
        : `**${markdownCode(key)}** is not a known field of ${endpoint.kind}; fal ignores it.`,
    };
  } catch {
    return undefined;
  }
}
