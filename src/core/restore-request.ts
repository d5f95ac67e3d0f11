// "Use these settings": the shot file's text rewritten to a take's request with the fewest edits.
// Only values that differ are replaced (recursing into objects and equal-length lists), keys the
// take did not send are removed, and everything else — comments, key order, layout, "$schema" —
// stays byte for byte, so one undo brings the old file back exactly.
import * as l10n from '@vscode/l10n';
import { removeValue, setValue } from './edit';
import { nodeValue, parseDocument } from './parse';
import { analyzeShot } from './diagnostics';
import type { JsonPath } from './types';

export interface RestoredRequest {
  text: string;
  /**
   * Places where the file names a local file and the take sent an uploaded URL: the local name is
   * kept (a storage URL is a copy that expires; the file is what the creator chose).
   */
  keptLocal: JsonPath[];
}

/** Keys of a shot file that are not part of the request body. */
const FILE_ONLY_KEYS = new Set(['$schema', 'endpoint']);

export function restoreRequestText(text: string, endpointId: string, body: Record<string, unknown>): RestoredRequest {
  const tree = parseDocument(text).tree;
  const current = tree ? nodeValue(tree) : undefined;
  if (!isPlainObject(current)) throw new Error(l10n.t('The shot file is not a JSON object; fix it in the text editor first.'));
  const keptLocal: JsonPath[] = [];
  let out = text;
  // Removals first, from the last key back: earlier keys keep their place.
  for (const key of Object.keys(current).reverse()) {
    if (!FILE_ONLY_KEYS.has(key) && !Object.hasOwn(body, key)) out = removeValue(out, [key]);
  }
  for (const key of Object.keys(body)) {
    if (FILE_ONLY_KEYS.has(key)) continue;
    out = restoreAt(out, [key], current[key], body[key], keptLocal);
  }
  // An alias, or no "endpoint" at all, that already means the take's endpoint is left as written.
  if (analyzeShot(out).endpoint.id !== endpointId) out = setValue(out, ['endpoint'], endpointId);
  return { text: out, keptLocal };
}

function restoreAt(text: string, path: JsonPath, have: unknown, want: unknown, keptLocal: JsonPath[]): string {
  if (deepEqual(have, want)) return text;
  if (isLocalRef(have) && isUploadedUrl(want)) {
    keptLocal.push(path);
    return text;
  }
  if (isPlainObject(have) && isPlainObject(want)) {
    let out = text;
    for (const key of Object.keys(have).reverse()) if (!Object.hasOwn(want, key)) out = removeValue(out, [...path, key]);
    for (const key of Object.keys(want)) out = restoreAt(out, [...path, key], have[key], want[key], keptLocal);
    return out;
  }
  if (Array.isArray(have) && Array.isArray(want) && have.length === want.length) {
    let out = text;
    want.forEach((w, i) => {
      out = restoreAt(out, [...path, i], have[i], w, keptLocal);
    });
    return out;
  }
  return setValue(text, path, want);
}

function isLocalRef(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(v.trim());
}

function isUploadedUrl(v: unknown): boolean {
  return typeof v === 'string' && /^https?:\/\//i.test(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every(k => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
