// analyzeSequence: one jsonc-parser pass, the zod schema, and every entry tied to the exact source
// span of its shot and take strings, so the disk facts found later land on the right characters.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import { severityOf, type DiagnosticCode } from '../codes';
import { spanOfPath } from '../diagnostics';
import { textProblem } from '../input';
import { isBlankDocument, LineMap, nodeAtPath, nodeValue, parseDocument, parseErrorWords } from '../parse';
import type { JsonPath, ShotDiagnostic } from '../types';
import { SequenceFileSchema } from './schema';

export interface Span {
  offset: number;
  length: number;
}

export interface AnalyzedEntry {
  index: number;
  /** As written, relative to the sequence file. */
  shot: string;
  take?: string;
  shotSpan: Span;
  takeSpan?: Span;
}

export interface SequenceAnalysis {
  text: string;
  entries: AnalyzedEntry[];
  /** Syntax and shape problems; facts from the disk come from sequenceFactDiagnostics. */
  diagnostics: ShotDiagnostic[];
}

export function makeDiagnostic(lines: LineMap, code: DiagnosticCode, message: string, path: JsonPath, span: Span): ShotDiagnostic {
  return {
    severity: severityOf(code),
    code,
    message,
    path,
    offset: span.offset,
    length: span.length,
    range: lines.range(span.offset, span.length),
  };
}

/** The schema's own messages (schema.ts), translated here where they are shown; zod's stay English. */
function shapeText(message: string): string {
  switch (message) {
    case 'must name a shot file':
      return l10n.t('must name a shot file');
    case 'must name a take record':
      return l10n.t('must name a take record');
    case 'must list at least one shot':
      return l10n.t('must list at least one shot');
    default:
      return message;
  }
}

export function analyzeSequence(text: string): SequenceAnalysis {
  const problem = textProblem(text);
  if (problem) return { text, entries: [], diagnostics: [problem] };
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  const lines = new LineMap(text);
  const diagnostics: ShotDiagnostic[] = (isBlankDocument(doc) ? [] : doc.errors).map(e => {
    const offset = Math.min(e.offset, text.length);
    return makeDiagnostic(
      lines,
      'kling.parse',
      doc.tooDeep
        ? l10n.t('The sequence file is nested too deeply to read.')
        : l10n.t('{0}: the sequence file must be JSON (comments and trailing commas are allowed)', parseErrorWords(e.error)),
      [],
      { offset, length: Math.min(e.length, text.length - offset) },
    );
  });
  if (!doc.tree) {
    if (diagnostics.length === 0)
      diagnostics.push(
        makeDiagnostic(
          lines,
          'kling.parse',
          l10n.t(
            'The sequence file is empty: it lists shot files, such as {0}. The sequence editor can add them for you.',
            '{ "shots": [ "first.kling.json" ] }',
          ),
          [],
          {
            offset: 0,
            length: text.length,
          },
        ),
      );
    return { text, entries: [], diagnostics };
  }
  const root = nodeValue(doc.tree);
  const parsed = SequenceFileSchema.safeParse(root);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const message = path.length
        ? l10n.t('{0}: {1}', path.join('.'), shapeText(issue.message))
        : l10n.t('the file: {0}', shapeText(issue.message));
      diagnostics.push(makeDiagnostic(lines, 'kling.sequence-shape', message, path, spanOfPath(text, doc.tree, path)));
    }
  }
  return { text, entries: entriesOf(doc.tree), diagnostics };
}

/** Every well-formed entry, even when others are not: one bad line must not hide the rest. */
function entriesOf(tree: Node): AnalyzedEntry[] {
  const list = nodeAtPath(tree, ['shots']);
  if (list?.type !== 'array') return [];
  const out: AnalyzedEntry[] = [];
  (list.children ?? []).forEach((node, index) => {
    if (node.type === 'string' && typeof node.value === 'string' && node.value) {
      out.push({ index, shot: node.value, shotSpan: { offset: node.offset, length: node.length } });
      return;
    }
    if (node.type !== 'object') return;
    const shot = nodeAtPath(tree, ['shots', index, 'shot']);
    if (shot?.type !== 'string' || typeof shot.value !== 'string' || !shot.value) return;
    const take = nodeAtPath(tree, ['shots', index, 'take']);
    const entry: AnalyzedEntry = { index, shot: shot.value, shotSpan: { offset: shot.offset, length: shot.length } };
    if (take?.type === 'string' && typeof take.value === 'string' && take.value) {
      entry.take = take.value;
      entry.takeSpan = { offset: take.offset, length: take.length };
    }
    out.push(entry);
  });
  return out;
}
