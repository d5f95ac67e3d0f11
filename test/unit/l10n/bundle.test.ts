// Every l10n.t call has a shape @vscode/l10n-dev export can see, or its string silently stays
// English in every other language. (That l10n/bundle.l10n.json is up to date is checked by
// `npm run lint`: scripts/check-l10n.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import ts from 'typescript';

test('every l10n.t call is on @vscode/l10n or vscode.l10n, with a literal message', () => {
  const problems: string[] = [];
  const files = globSync(['src/core/**/*.ts', 'src/extension/**/*.ts', 'src/webview/**/*.ts']);
  assert.ok(files.length > 50, files.join(', '));
  assert.ok(
    files.some(f => f.startsWith('src/core/')),
    'src/core is read too',
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const bare = /(?<![\w.])l10n\.t\(/.test(text);
    if (bare && !/^import \* as l10n from '@vscode\/l10n';$/m.test(text)) {
      problems.push(`${file}: l10n.t without \`import * as l10n from '@vscode/l10n'\``);
    }
    for (const m of text.matchAll(/\bl10n\.t\(\s*(\S)/g)) {
      if (!["'", '"', '{'].includes(m[1]!)) {
        problems.push(`${file}:${text.slice(0, m.index).split('\n').length}: l10n.t needs a literal message, not a template or variable`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** The message of every `l10n.t('…', …)` call in a file, as the program sees it (escapes decoded). */
function messagesOf(file: string): { line: number; message: string | undefined }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { line: number; message: string | undefined }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'l10n.t') {
      const first = node.arguments[0];
      const message = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, message });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('src/core: every message is a plain l10n.t on @vscode/l10n, and the committed bundle has it, escapes and all', () => {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
  const files = globSync(['src/core/**/*.ts']);
  const problems: string[] = [];
  let calls = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (/\bvscode\.l10n\b/.test(text)) problems.push(`${file}: src/core cannot use vscode.l10n; use @vscode/l10n`);
    for (const { line, message } of messagesOf(file)) {
      calls++;
      if (message === undefined) problems.push(`${file}:${line}: the message must be one string literal`);
      else if (!(message in bundle)) problems.push(`${file}:${line}: not in l10n/bundle.l10n.json: ${JSON.stringify(message)}`);
      // Sentence pieces glued in code cannot be reordered by a translator; whole sentences can.
      else if (/^\s|\s$/.test(message)) problems.push(`${file}:${line}: a message starts or ends with a space: a sentence piece`);
    }
  }
  assert.ok(calls > 150, `only ${calls} l10n.t calls found in src/core`);
  assert.deepEqual(problems, []);
});
