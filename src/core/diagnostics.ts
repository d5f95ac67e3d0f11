// analyzeShot: one parse, one value conversion, one pass of each rule, then every issue is tied to
// its exact source span. Linear in the document size; never throws.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { withoutNulls } from './absent';
import { severityOf } from './codes';
import { capDiagnostics, MAX_DIAGNOSTICS, textProblem } from './input';
import { isBlankDocument, LineMap, nodeAtPath, nodeValue, parseDocument, parseErrorMessage, stringSourceOffset } from './parse';
import { ENDPOINT_IDS, lookupEndpoint, resolveEndpoint, unsupportedEndpointReason } from './registry';
import { bodyRules } from './rules';
import { isObject, type RuleIssue } from './rules/issue';
import { collectMediaRefs, mediaSchemeRules } from './rules/media-refs';
import { unknownKeyRules } from './rules/unknown-keys';
import type { JsonPath, MediaRef, ResolvedEndpoint, ShotAnalysis, ShotDiagnostic } from './types';
import { errorText } from './error-text';

/** Source span of a path: the node, else the nearest existing ancestor ("{" for the root). */
export function spanOfPath(
  text: string,
  tree: Node | undefined,
  path: JsonPath,
  target: RuleIssue['target'] = 'value',
): { offset: number; length: number } {
  if (!tree) return { offset: 0, length: Math.min(1, text.length) };
  if (path.length === 0) return { offset: tree.offset, length: 1 };
  const node = nodeAtPath(tree, path);
  if (node) {
    if (target === 'key') {
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: node.length };
    }
    if (typeof target === 'object' && node.type === 'string') {
      const start = stringSourceOffset(text, node, target.start);
      const end = stringSourceOffset(text, node, target.start + target.length);
      return { offset: start, length: end - start };
    }
    return { offset: node.offset, length: node.length };
  }
  for (let n = path.length - 1; n >= 0; n--) {
    const anc = nodeAtPath(tree, path.slice(0, n));
    if (anc) return n === 0 ? { offset: anc.offset, length: 1 } : { offset: anc.offset, length: anc.length };
  }
  return { offset: tree.offset, length: 1 };
}

const byOffset = (a: ShotDiagnostic, b: ShotDiagnostic) => a.offset - b.offset;

function toDiagnostic(text: string, tree: Node | undefined, lines: LineMap, issue: RuleIssue): ShotDiagnostic {
  const span = issue.at ?? spanOfPath(text, tree, issue.path, issue.target);
  const d: ShotDiagnostic = {
    severity: severityOf(issue.code),
    code: issue.code,
    message: issue.message,
    path: issue.path,
    range: lines.range(span.offset, span.length),
    offset: span.offset,
    length: span.length,
  };
  if (issue.data !== undefined) d.data = issue.data;
  return d;
}

function endpointIssues(root: Record<string, unknown>, endpoint: ResolvedEndpoint, out: RuleIssue[]): void {
  if (!('endpoint' in root)) return;
  const value = root.endpoint;
  if (typeof value === 'string' && lookupEndpoint(value.trim())) return;
  const reason = typeof value === 'string' ? unsupportedEndpointReason(value) : undefined;
  out.push({
    code: 'kling.endpoint',
    path: ['endpoint'],
    message: reason
      ? l10n.t(
          '{0}. Use a V3 id ({1}, …) or an alias: text-to-video, image-to-video, motion-control, optionally with a tier (standard/image-to-video). Using the inferred {2} meanwhile.',
          reason,
          ENDPOINT_IDS[0]!,
          endpoint.id,
        )
      : l10n.t(
          'Unknown endpoint {0}. Use a V3 id ({1}, …) or an alias: text-to-video, image-to-video, motion-control, optionally with a tier (standard/image-to-video). Using the inferred {2} meanwhile.',
          String(JSON.stringify(value)),
          ENDPOINT_IDS[0]!,
          endpoint.id,
        ),
    data: { inferred: endpoint.id },
  });
}

export function analyzeShot(text: string): ShotAnalysis {
  const src = typeof text === 'string' ? text : String(text);
  try {
    return analyze(src);
  } catch (err) {
    // A bug in a rule must not take the editor down; surface it as a diagnostic instead.
    const endpoint = resolveEndpoint(undefined);
    const lines = new LineMap(src);
    return {
      text: src,
      endpoint,
      root: undefined,
      body: undefined,
      mediaRefs: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'kling.internal',
          path: [],
          offset: 0,
          length: 0,
          range: lines.range(0, 0),
          message: l10n.t('Kling Studio could not validate this file: {0}', errorText(err)),
        },
      ],
    };
  }
}

function analyze(text: string): ShotAnalysis {
  const problem = textProblem(text);
  if (problem)
    return { text, endpoint: resolveEndpoint(undefined), root: undefined, body: undefined, diagnostics: [problem], mediaRefs: [] };
  const { skipped, ...result } = analyzeParsed(text);
  result.diagnostics = capDiagnostics(result.diagnostics, skipped);
  return result;
}

/** `skipped`: findings counted but not listed (unknown-keys.ts KeyBudget). */
function analyzeParsed(text: string): ShotAnalysis & { skipped?: number } {
  // A UTF-8 BOM is not JSON but is no error either; a space in its place keeps every offset.
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  doc.text = text;
  const lines = new LineMap(text);
  const diagnostics: ShotDiagnostic[] = [];
  const blank = isBlankDocument(doc);
  for (const e of blank ? [] : doc.errors) {
    const offset = Math.min(e.offset, text.length);
    const length = Math.min(e.length, text.length - offset);
    diagnostics.push({
      severity: severityOf('kling.parse'),
      code: 'kling.parse',
      path: [],
      offset,
      length,
      range: lines.range(offset, length),
      message: doc.tooDeep ? l10n.t('The shot file is nested too deeply to read.') : parseErrorMessage(e),
    });
  }
  if (!doc.tree) {
    if (diagnostics.length === 0) {
      diagnostics.push({
        severity: severityOf('kling.parse'),
        code: 'kling.parse',
        path: [],
        offset: 0,
        length: text.length,
        range: lines.range(0, text.length),
        message: l10n.t(
          'The shot file is empty: it holds the request body, such as {0}. The shot editor can start it from a template.',
          '{ "prompt": "A lighthouse at dusk" }',
        ),
      });
    }
    return { text, endpoint: resolveEndpoint(undefined), root: undefined, body: undefined, diagnostics, mediaRefs: [] };
  }

  // null means absent (absent.ts): the editor, the rules, inference and cost all see the same value.
  const root = withoutNulls(nodeValue(doc.tree));
  const endpoint = resolveEndpoint(root);
  if (!isObject(root)) {
    if (diagnostics.length === 0)
      diagnostics.push({
        severity: severityOf('kling.root-type'),
        code: 'kling.root-type',
        path: [],
        offset: doc.tree.offset,
        length: doc.tree.length,
        range: lines.range(doc.tree.offset, doc.tree.length),
        message: l10n.t('A shot file must be a JSON object: the request body for the endpoint, plus optional "$schema" and "endpoint".'),
      });
    return { text, endpoint, root, body: undefined, diagnostics, mediaRefs: [] };
  }

  const body: Record<string, unknown> = {};
  for (const k of Object.keys(root)) {
    if (k === '$schema' || k === 'endpoint' || k === 'cast') continue;
    if (k === '__proto__') Object.defineProperty(body, k, { value: root[k], enumerable: true, writable: true, configurable: true });
    else body[k] = root[k];
  }
  const mediaRefs: MediaRef[] = collectMediaRefs(endpoint.id, body);
  // A file that does not parse shows its parse errors only: rule findings on a half-read value
  // would follow from them and bury the real problem.
  if (diagnostics.length > 0) return { text, endpoint, root, body, diagnostics, mediaRefs };

  const issues: RuleIssue[] = [];
  endpointIssues(root, endpoint, issues);
  const budget = { left: MAX_DIAGNOSTICS, skipped: 0 };
  unknownKeyRules(doc.tree, endpoint.id, issues, budget);
  issues.push(...bodyRules({ kind: endpoint.kind, endpoint: endpoint.id, body }));
  mediaSchemeRules(mediaRefs, issues);

  for (const issue of issues) diagnostics.push(toDiagnostic(text, doc.tree, lines, issue));
  if (diagnostics.length > 1) diagnostics.sort(byOffset);
  return { text, endpoint, root, body, diagnostics, mediaRefs, skipped: budget.skipped };
}

/** Source span of a JSON path (for mapping fal 422 `loc`s back), undefined if the path is absent. */
export function rangeOfPath(text: string, path: (string | number)[]) {
  const doc = parseDocument(text);
  const node = doc.tree && nodeAtPath(doc.tree, path);
  if (!node) return undefined;
  const lines = new LineMap(text);
  return { range: lines.range(node.offset, node.length), offset: node.offset, length: node.length };
}

/**
 * Like rangeOfPath for a fal 422 `loc` (["body", …]): strips "body", maps fal's model-level
 * "root" to the whole document, and falls back to the nearest existing ancestor.
 */
export function rangeOfFalLoc(text: string, loc: (string | number)[]) {
  const doc = parseDocument(text);
  if (!doc.tree) return undefined;
  let path = loc[0] === 'body' ? loc.slice(1) : loc;
  if (path.length === 1 && path[0] === 'root' && !nodeAtPath(doc.tree, ['root'])) path = [];
  const span = path.length === 0 ? { offset: doc.tree.offset, length: doc.tree.length } : spanOfPath(text, doc.tree, path);
  const lines = new LineMap(text);
  return { range: lines.range(span.offset, span.length), offset: span.offset, length: span.length };
}
