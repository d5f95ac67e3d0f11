// `kling validate`: the editor's diagnostics for shot and sequence files on the command line.
// Exit 1 if any error, 2 for usage errors (bad options, nothing to validate), 0 otherwise.
import * as path from 'node:path';
import {
  analyzeCast,
  analyzeShot,
  castAsMediaAnalysis,
  checkMedia,
  createMediaCache,
  fileDiagnostic,
  isCastFile,
  isSequenceFile,
  type MediaCache,
  type ShotDiagnostic,
} from '../core';
import { applyCast, memberMediaDiagnostics } from '../takes/cast-shot';
import { reportSequence } from '../takes/sequence-takes';
import { nodeFileAccess } from '../media/node-files';
import { readShotFile } from '../takes/shot-file';
import { command, rendersOption } from './command-line';
import { expandFileArgs } from './expand-files';
import { projectRootsOf, readRootsOf } from './project-root';
import { defineCommand, HELP_OPTION } from './usage';

export const VALIDATE = defineCommand({
  name: 'validate',
  forms: ['<files, directories or globs…>'],
  summary: 'check shot files and sequence files; exit 1 on any error',
  about:
    'Checks shot files (*.kling.json) with their cast, sequence files (*.kling-seq.json) and cast files (*.kling-cast.json); a directory means all three.',
  options: {
    format: {
      type: 'string',
      value: 'text|json',
      help: [
        'text (default): file:line:col severity code message (1-based)',
        'json: [{ file, endpoint, diagnostics }], each diagnostic { severity, code, message, path, range } with zero-based line/character positions',
      ].join('\n'),
    },
    root: {
      type: 'string',
      value: 'DIR',
      multiple: true,
      help: "project folder that local media, a sequence's shots and their takes must stay inside (repeatable; default: the nearest folder above the file with .git, .vscode or package.json, else the file's folder)",
    },
    'no-media': { type: 'boolean', help: 'skip the checks that read media files' },
    renders: {
      type: 'string',
      value: 'DIR',
      help: "where the takes of a sequence's shots are, as given to kling generate --out (default: renders/ beside each shot file)",
    },
    help: HELP_OPTION,
  },
  notes: 'exit code: 1 if any error, 2 for usage errors, 0 otherwise',
});

export interface FileResult {
  file: string;
  endpoint: string;
  diagnostics: ShotDiagnostic[];
}

export async function runValidate(args: string[]): Promise<number> {
  const cmd = command(VALIDATE);
  const parsed = cmd.parse(args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') return cmd.usageError(`--format must be text or json, not '${format}'`);
  if (parsed.positionals.length === 0) return cmd.usageError('no files given');
  const opts = { format, roots: v.root ?? [], media: !v['no-media'], inputs: parsed.positionals };
  const cwd = process.cwd();
  const { files, unmatched } = await expandFileArgs(opts.inputs, cwd, ['**/*.kling.json', '**/*.kling-seq.json', '**/*.kling-cast.json']);
  if (unmatched.length) {
    cmd.err(`no such file or no match: ${unmatched.join(', ')}`);
    return 2;
  }
  const given = opts.roots.map(r => path.resolve(cwd, r));
  const cache = createMediaCache();
  const results: FileResult[] = [];
  for (const file of files) {
    results.push(await validateFile(path.resolve(cwd, file), file, { given, media: opts.media, renders: v.renders, cache }));
  }

  const errors = results.reduce((n, r) => n + r.diagnostics.filter(d => d.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter(d => d.severity === 'warning').length, 0);
  if (opts.format === 'json') {
    const out = results.map(r => ({
      file: r.file,
      endpoint: r.endpoint,
      diagnostics: r.diagnostics.map(d => ({ severity: d.severity, code: d.code, message: d.message, path: d.path, range: d.range })),
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const r of results) {
      for (const d of r.diagnostics) {
        lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
      }
    }
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    lines.push(`${plural(results.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return errors > 0 ? 1 : 0;
}

/**
 * The problems of one shot or sequence file, as `kling validate` reports them (and `kling mcp`'s
 * validate_shot): `given` roots, else the file's project root, bound what it may read.
 */
export async function validateFile(
  abs: string,
  shown: string,
  o: { given: readonly string[]; media: boolean; renders?: string | undefined; cache: MediaCache },
): Promise<FileResult> {
  const read = await readShotFile(abs, { shown });
  if ('diagnostic' in read) return { file: shown, endpoint: '', diagnostics: [read.diagnostic] };
  if (isSequenceFile(abs)) {
    const roots = await readRootsOf(abs, o.given, [o.renders]);
    const report = await reportSequence(abs, read.text, { ...rendersOption(o.renders), roots });
    return { file: shown, endpoint: '', diagnostics: report.diagnostics };
  }
  const roots = o.given.length ? [...o.given] : await projectRootsOf(abs);
  const ctx = { shotFilePath: abs, workspaceFolders: roots, files: nodeFileAccess, cache: o.cache };
  if (isCastFile(abs)) {
    const cast = analyzeCast(abs, read.text);
    const media = o.media ? await checkMedia(castAsMediaAnalysis(cast), ctx) : [];
    return { file: shown, endpoint: '', diagnostics: [...cast.diagnostics, ...media].sort((a, b) => a.offset - b.offset) };
  }
  const analysis = analyzeShot(read.text);
  const media = o.media ? await checkMedia(analysis, ctx) : [];
  // The shot's cast, found and applied as kling generate does (voices are not made here).
  const cast = await applyCast(analysis, abs, roots);
  const castMedia = cast && o.media ? await memberMediaDiagnostics(analysis, cast, ctx) : [];
  const diagnostics = [
    ...(cast?.problems ?? []).map(p => fileDiagnostic('kling.cast-file', p)),
    ...[...analysis.diagnostics, ...media, ...(cast?.diagnostics ?? []), ...castMedia].sort((a, b) => a.offset - b.offset),
  ];
  return { file: shown, endpoint: analysis.endpoint.id, diagnostics };
}
