// File text is text (src/core/ui-text.ts). VS Code gives some surfaces a syntax: a notification or a
// progress notification turns `[x](command:…)` into a link that runs a command, a MarkdownString
// renders links, images and HTML, a quick pick label or a status bar text turns `$(name)` into an
// icon. A value from a file (a shot file's name, a prompt, a record's field, a server's log line)
// that reaches one of them must pass through the escape for that surface. The scan
// (ui-text-scan.ts) follows every such value in src/extension down to literals, our l10n words,
// numbers and escapes; what it cannot prove is a finding, unless the allow-list below says why it
// is fixed text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import ts from 'typescript';
import { escapeCalls, placeOf, programOf, ROOT, scan, type Allowed, type Finding } from './ui-text-scan';

/** Expressions judged fixed text by hand. Each must still be needed: a stale entry fails the test. */
const ALLOWED: readonly Allowed[] = [
  {
    file: 'src/extension/common/progress-text.ts',
    expr: 'LABEL[s]()',
    why: 'statusLabel: one of our own l10n words per take status (the record type is a closed union)',
  },
  {
    file: 'src/extension/analysis/hover-provider.ts',
    expr: 'info.markdown',
    why: "core's hoverInfo: field docs from the zod schemas; the one piece of file text, an unknown key, is markdownCode'd (test/unit/core/ui-text.test.ts)",
  },
  {
    file: 'src/extension/analysis/cast-members.ts',
    expr: "vscode.Uri.file(file).toString().replace(/\\(/g, '%28').replace(/\\)/g, '%29')",
    why: 'imageLink: a file URI, percent-encoded by vscode.Uri and its parentheses too, so it can only be the target of the image link it sits in',
  },
  {
    file: 'src/extension/analysis/hover-provider.ts',
    expr: 'memberMarkdown(at.member, doc.uri.fsPath)',
    why: "cast-members.ts memberMarkdown: appendMarkdown of markdownText / markdownCode pieces, our l10n words and imageLink only (the member's name, description and paths come from a cast file)",
  },
  {
    file: 'src/extension/analysis/completion-provider.ts',
    expr: 'e.documentation',
    why: "core's fieldMarkdown: built from the zod schemas' labels, descriptions and limits only, never from the file",
  },
];

const EXTENSION_FILES = globSync(['src/extension/**/*.ts'], { cwd: ROOT, absolute: true }).map(f => path.normalize(f));
let extensionProgram: ts.Program | undefined;
/** One program over src/extension for the tests below (building it is most of their time). */
const extension = () => (extensionProgram ??= programOf(EXTENSION_FILES));
const SAMPLE = path.join(ROOT, 'test/unit/lint/ui-text-sample.virtual.ts');

const show = (f: Finding) =>
  `${f.value.file}:${f.value.line} [${f.sink}] ${f.value.text}` +
  (f.unsafe.text === f.value.text ? '' : `  ← ${f.unsafe.file}:${f.unsafe.line} ${f.unsafe.text}`);

test('the scan finds what it should: unescaped file text on each surface, the wrong escape, a value pushed into an array', () => {
  // `// ✗ <surface>` marks the lines that must be found.
  const sample = `import * as vscode from 'vscode';
import { labelText, markdownCode, markdownText, notificationText } from '../../../src/core/ui-text';

declare const name: string;
declare const count: number;
declare const status: 'done' | 'failed';
declare const item: vscode.StatusBarItem;

function quote(s: string): string {
  return \`“\${s}”\`;
}
function lines(): string {
  const parts = [markdownText(name)];
  parts.push(name);
  return parts.join('\\n');
}

export function sample(progress: vscode.Progress<{ message?: string }>): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('Shot file not found: {0}', name)); // ✗ notification
  void vscode.window.showErrorMessage(\`Kling: \${name}\`); // ✗ notification
  void vscode.window.showInformationMessage('Saved ' + name, 'Open'); // ✗ notification
  void vscode.window.showInformationMessage(markdownText(name)); // ✗ notification
  void vscode.window.showInformationMessage(quote(name)); // ✗ notification
  void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Shot file not found: {0}', name)));
  void vscode.window.showInformationMessage(vscode.l10n.t('Kling: {0} takes, {1}', count, status));
  void vscode.window.showInformationMessage(notificationText(quote(name)));
  void vscode.window.showInformationMessage(quote(notificationText(name)));
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kling: {0}', name) }, async () => 1); // ✗ notification
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: name }, async () => 1); // ✗ label
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: labelText(name) }, async () => 1);
  progress.report({ message: \`\${count} · \${name}\` }); // ✗ notification
  progress.report({ message: notificationText(name) });
  new vscode.MarkdownString(\`**\${name}**\`); // ✗ markdown
  new vscode.MarkdownString(notificationText(name)); // ✗ markdown
  new vscode.MarkdownString(lines()); // ✗ markdown
  new vscode.MarkdownString().appendMarkdown(name); // ✗ markdown
  new vscode.Hover(\`\${name}\`); // ✗ markdown
  new vscode.Hover(new vscode.MarkdownString(markdownText(name)));
  vscode.window.setStatusBarMessage(name); // ✗ label
  new vscode.MarkdownString(\`**\${markdownText(name)}** \${markdownCode(name)} \${new Date(name).toLocaleString()}\`);
  void vscode.window.showQuickPick([{ label: name, description: labelText(name) }]); // ✗ label
  void vscode.window.showQuickPick([name].map(n => ({ label: labelText(n), detail: n }))); // ✗ label
  void vscode.window.showQuickPick([vscode.l10n.t('Cancel'), labelText(name)]);
  item.text = \`$(sync~spin) \${name}\`; // ✗ label
  item.text = \`$(sync~spin) \${labelText(name)}\`;
}
`;
  const expected = sample
    .split('\n')
    .flatMap((line, i) => (/\/\/ ✗ (\w+)$/.test(line) ? [`${i + 1} ${/\/\/ ✗ (\w+)$/.exec(line)![1]}`] : []));
  const found = scan(programOf([], new Map([[SAMPLE, sample]])), [SAMPLE]);
  assert.deepEqual(
    found.map(f => `${f.value.line} ${f.sink}`),
    expected,
    found.map(show).join('\n'),
  );
});

test('every value src/extension puts on a notification, a progress notification, a MarkdownString, a quick pick or the status bar is escaped', () => {
  assert.ok(EXTENSION_FILES.length > 50, EXTENSION_FILES.join(', '));
  const used = new Set<Allowed>();
  const found = scan(extension(), EXTENSION_FILES, { allowed: ALLOWED, used });
  assert.deepEqual(found.map(show), []);
  assert.deepEqual(
    ALLOWED.filter(a => !used.has(a)).map(a => `${a.file}: ${a.expr}`),
    [],
    'allow-list entries nothing needs any more',
  );
});

/** `file` and the files of `files` that import it, directly or through others. */
function withImporters(program: ts.Program, files: readonly string[], file: string): string[] {
  const importers = new Map<string, string[]>();
  for (const f of files) {
    for (const statement of program.getSourceFile(f)!.statements) {
      const spec = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const target = ts.resolveModuleName(spec.text, f, program.getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
      if (target) importers.set(path.normalize(target), [...(importers.get(path.normalize(target)) ?? []), f]);
    }
  }
  const out = new Set([file]);
  for (const f of out) for (const i of importers.get(f) ?? []) out.add(i);
  return [...out];
}

test('removing any one escape from src/extension is found', () => {
  const program = extension();
  const calls = escapeCalls(program, EXTENSION_FILES);
  assert.ok(calls.length > 40, `only ${calls.length} escapes found`);
  const missed = calls.flatMap(call => {
    const file = call.getSourceFile().fileName;
    const found = scan(program, withImporters(program, EXTENSION_FILES, file), { allowed: ALLOWED, removed: new Set([call]) });
    const { file: at, line, text } = placeOf(call);
    return found.length ? [] : [`${at}:${line}: ${text}`];
  });
  assert.deepEqual(missed, []);
});
