// The short status texts the host sends to its webviews (a card's problem, a take's progress or
// error, what a busy button is doing) are user-facing words: they go through vscode.l10n.t like
// every other string, or they stay English in every other language. The scan reads the source
// with the TypeScript parser and flags a bare string literal given to one of those fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import ts from 'typescript';

const FIELDS = new Set(['problem', 'error', 'progress', 'message', 'what']);

function literals(node: ts.Node): ts.LiteralLikeNode[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return [node];
  }
  if (ts.isConditionalExpression(node)) {
    return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  }
  return ts.isParenthesizedExpression(node) ? literals(node.expression) : [];
}

/** `file:line: field: 'text'` for each word-bearing literal set as one of the status fields. */
export function untranslatedStatus(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let field: string | undefined;
    let value: ts.Node | undefined;
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
      [field, value] = [node.name.text, node.initializer];
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left)
    ) {
      [field, value] = [node.left.name.text, node.right];
    }
    if (field && value && FIELDS.has(field)) {
      for (const lit of literals(value)) {
        // Words, not codes or separators ('—', '' or 'kling.x').
        if (/\p{L}{2}/u.test(lit.text)) {
          found.push(`${file}:${source.getLineAndCharacterOfPosition(lit.getStart(source)).line + 1}: ${field}: ${lit.getText(source)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the scan flags bare words in status fields and passes translated ones', () => {
  const sample = [
    "out.push({ value, kind, problem: 'Checking…' });",
    "view.progress = cancelling ? 'Cancelling…' : progressMessage(job);",
    "out.push({ value, kind, problem: vscode.l10n.t('Checking…') });",
    "const marker = { problem: '—', error: '' };",
  ].join('\n');
  assert.deepEqual(untranslatedStatus('sample.ts', sample), ["sample.ts:1: problem: 'Checking…'", "sample.ts:2: progress: 'Cancelling…'"]);
});

test('every status text the host sends to a webview goes through l10n', () => {
  const files = globSync(['src/extension/**/*.ts']);
  assert.ok(files.length > 50, files.join(', '));
  assert.deepEqual(
    files.sort().flatMap(f => untranslatedStatus(f, readFileSync(f, 'utf8'))),
    [],
  );
});
