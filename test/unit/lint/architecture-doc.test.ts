// docs/ARCHITECTURE.md is where a newcomer starts, so what it names must be there: every repo path
// it writes in backticks, and every `klingStudio.<id>` command, setting or editor it names. A file
// renamed or a command dropped without the document following fails here, listing what is missing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '../../..');
const DOC = 'docs/ARCHITECTURE.md';
const TOP_FOLDERS = ['src', 'test', 'scripts', 'bench', 'schemas', 'l10n', 'media', 'docs'];

/** A code span's text; spans may wrap onto the next line, as Markdown allows. */
function codeSpans(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`]+)`/g)].map(m => m[1]!.replace(/\s+/g, ' ').trim());
}

/** Placeholders (`<shot>.take.json`), globs and brace lists name no one file. */
const isPattern = (s: string) => /[<>*{}]/.test(s);

/**
 * What the document writes as a repo path: one starting at a top folder of ours, or a bare file
 * name with an extension (`boundary.ts`), which must then exist somewhere in the checkout. Build
 * output (dist/, out/) is not in the checkout.
 */
export function pathsIn(markdown: string): { full: string[]; names: string[] } {
  const full = new Set<string>();
  const names = new Set<string>();
  for (const span of codeSpans(markdown)) {
    if (isPattern(span) || /\s/.test(span)) continue;
    const first = span.split('/')[0]!;
    if (TOP_FOLDERS.includes(first) && span.includes('/')) full.add(span.replace(/\/$/, ''));
    else if (/^[\w.-]+(\/[\w.-]+)*\.(ts|mjs|js|json|md)$/.test(span) && !/^(dist|out)\//.test(span)) names.add(span);
  }
  return { full: [...full].sort(), names: [...names].sort() };
}

/** `klingStudio.<id>` in code spans; `klingStudio.budget.*` stands for the settings it prefixes. */
export function idsIn(markdown: string): string[] {
  const ids = new Set<string>();
  for (const span of codeSpans(markdown)) for (const m of span.matchAll(/\bklingStudio\.[\w.*]+/g)) ids.add(m[0].replace(/\.$/, ''));
  return [...ids].sort();
}

/** The paths and file names of `paths` the checkout lacks. */
export function missingPaths(paths: { full: string[]; names: string[] }, files: readonly string[]): string[] {
  const folders = new Set(
    files.flatMap(f =>
      f
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const has = (p: string) => files.includes(p) || folders.has(p);
  return [...paths.full.filter(p => !has(p)), ...paths.names.filter(n => !has(n) && !files.some(f => f.endsWith(`/${n}`) || f === n))];
}

interface Declared {
  /** Commands, settings and custom editors of package.json's `contributes`. */
  contributed: ReadonlySet<string>;
  /** The hidden test commands, which only source registers. */
  source: string;
}

/** The ids of `ids` nothing declares: not in package.json, nor (`klingStudio._test.*`) in source. */
export function missingIds(ids: readonly string[], declared: Declared): string[] {
  return ids.filter(id => {
    if (id === 'klingStudio.*') return false;
    if (id.startsWith('klingStudio._test.')) {
      return id.endsWith('*') ? !declared.source.includes('klingStudio._test.') : !declared.source.includes(`'${id}'`);
    }
    if (id.endsWith('.*')) {
      const prefix = id.slice(0, -1);
      return ![...declared.contributed].some(c => c.startsWith(prefix));
    }
    return !declared.contributed.has(id);
  });
}

function checkoutFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

function declared(files: readonly string[]): Declared {
  interface Contributes {
    commands?: { command: string }[];
    configuration?: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
    customEditors?: { viewType: string }[];
    views?: Record<string, { id: string }[]>;
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: Contributes };
  const c = pkg.contributes;
  const configuration = c.configuration === undefined ? [] : Array.isArray(c.configuration) ? c.configuration : [c.configuration];
  const contributed = new Set([
    ...(c.commands ?? []).map(x => x.command),
    ...configuration.flatMap(x => Object.keys(x.properties)),
    ...(c.customEditors ?? []).map(x => x.viewType),
    ...Object.values(c.views ?? {}).flatMap(v => v.map(x => x.id)),
  ]);
  const source = files
    .filter(f => f.startsWith('src/') && f.endsWith('.ts'))
    .map(f => readFileSync(join(root, f), 'utf8'))
    .join('\n');
  return { contributed, source };
}

test('every repo path docs/ARCHITECTURE.md names is in the checkout', () => {
  const files = checkoutFiles();
  const paths = pathsIn(readFileSync(join(root, DOC), 'utf8'));
  assert.ok(paths.full.length > 50, `the extractor found only ${paths.full.length} paths: it is broken`);
  const missing = missingPaths(paths, files);
  if (missing.length) console.log(`${DOC} names paths the checkout lacks:\n  ${missing.join('\n  ')}`);
  assert.deepEqual(missing, []);
});

test('every klingStudio command, setting and editor docs/ARCHITECTURE.md names is declared', () => {
  const files = checkoutFiles();
  const ids = idsIn(readFileSync(join(root, DOC), 'utf8'));
  assert.ok(ids.length > 5, `the extractor found only ${ids.length} ids: it is broken`);
  const missing = missingIds(ids, declared(files));
  if (missing.length) console.log(`${DOC} names ids package.json (or, for _test, src/) does not declare:\n  ${missing.join('\n  ')}`);
  assert.deepEqual(missing, []);
});

test('the check finds a made-up path, file name and id, and skips placeholders and build output', () => {
  const sample = [
    'Real: `src/takes/boundary.ts`, `boundary.ts`, `src/core/` and `test/kit/`.',
    'Made up: `src/takes/no-such-file.ts`, `bench/gone/`, `nowhere.ts`.',
    'Skipped: `<shot>.<stamp>.take.json`, `dist/webview/*.js`, `dist/cli.js`, `{ kind, body }`, `kling resume`.',
    'Ids: `klingStudio.generate`, `klingStudio.budget.*`, `klingStudio.noSuchCommand`,',
    '`klingStudio._test.applyIntent`, `klingStudio._test.notRegistered`.',
  ].join('\n');
  const files = checkoutFiles();
  assert.deepEqual(missingPaths(pathsIn(sample), files), ['bench/gone', 'src/takes/no-such-file.ts', 'nowhere.ts']);
  assert.deepEqual(missingIds(idsIn(sample), declared(files)), ['klingStudio._test.notRegistered', 'klingStudio.noSuchCommand']);
});
