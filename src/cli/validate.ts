// `kling validate <files or globs…> [--format text|json] [--root DIR]… [--no-media]`
// Exit 1 if any error, 2 for usage errors (bad options, nothing to validate), 0 otherwise.
import * as path from 'node:path';
import { analyzeShot, checkMedia, createMediaCache, type ShotDiagnostic } from '../core';
import { nodeFileAccess } from '../media/node-files';
import { readShotFile } from '../media/read-shot-file';
import { expandFileArgs } from './expand-files';

const USAGE = `usage: kling validate <files, directories or globs…> [options]

options:
  --format text|json   text (default): file:line:col severity code message (1-based)
                       json: [{ file, endpoint, diagnostics: [{ severity, code, message, path, range }] }]
                       with zero-based line/character positions
  --root DIR           workspace folder that local media must stay inside (repeatable; default: cwd)
  --no-media           skip the checks that read media files
  -h, --help           show this help

exit code: 1 if any error, 2 for usage errors, 0 otherwise
`;

interface Options {
  format: 'text' | 'json';
  roots: string[];
  media: boolean;
  inputs: string[];
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { format: 'text', roots: [], media: true, inputs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format must be text or json${v === undefined ? '' : `, not '${v}'`}`;
      o.format = v;
    } else if (flag === '--root') {
      const v = value();
      if (!v) return '--root needs a directory';
      o.roots.push(v);
    } else if (flag === '--no-media') o.media = false;
    else if (flag === '--') {
      o.inputs.push(...args.slice(i + 1));
      i = args.length;
    } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
    else o.inputs.push(a);
  }
  if (o.inputs.length === 0) return 'no files given';
  return o;
}

interface FileResult {
  file: string;
  endpoint: string;
  diagnostics: ShotDiagnostic[];
}

export async function runValidate(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`kling validate: ${opts}\n${USAGE}`);
    return 2;
  }
  const cwd = process.cwd();
  const { files, unmatched } = await expandFileArgs(opts.inputs, cwd);
  if (unmatched.length) {
    process.stderr.write(`kling validate: no such file or no match: ${unmatched.join(', ')}\n`);
    return 2;
  }
  const roots = (opts.roots.length ? opts.roots : [cwd]).map(r => path.resolve(cwd, r));
  const cache = createMediaCache();
  const results: FileResult[] = [];
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    const read = await readShotFile(abs);
    if ('diagnostic' in read) {
      results.push({ file, endpoint: '', diagnostics: [read.diagnostic] });
      continue;
    }
    const analysis = analyzeShot(read.text);
    const media = opts.media
      ? await checkMedia(analysis, { shotFilePath: abs, workspaceFolders: roots, files: nodeFileAccess, cache })
      : [];
    const diagnostics = [...analysis.diagnostics, ...media].sort((a, b) => a.offset - b.offset);
    results.push({ file, endpoint: analysis.endpoint.id, diagnostics });
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
