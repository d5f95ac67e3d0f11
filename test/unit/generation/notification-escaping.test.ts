// VS Code renders `[text](link)` in a notification's message as a link. Every notification whose
// message puts a value into its text (an l10n `{0}` placeholder filled in, a template literal, a
// concatenation) must pass it through notificationText, or a file name, a take record's error or
// a shot path can become a command link. The scan reads the source with the TypeScript parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import ts from 'typescript';

const NOTIFY = /^show(Information|Warning|Error)Message$/;

/** Whether `node` builds text from a value: `t('…{0}…', v)`, `${v}`, or `'…' + v`. */
function interpolates(node: ts.Node): boolean {
  if (ts.isTemplateExpression(node)) {
    return true;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return true;
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const isT = ts.isPropertyAccessExpression(callee) ? callee.name.text === 't' : ts.isIdentifier(callee) && callee.text === 't';
    if (isT && node.arguments.length > 1) {
      return true;
    }
  }
  return ts.forEachChild(node, interpolates) ?? false;
}

function isEscaped(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'notificationText';
}

/** `file:line: call` for each notification whose message interpolates a value unescaped. */
export function unescapedNotifications(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && NOTIFY.test(node.expression.name.text)) {
      const message = node.arguments[0];
      if (message && !isEscaped(message) && interpolates(message)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push(`${file}:${line}: ${message.getText(source).replace(/\s+/g, ' ')}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the scan finds what it should, and passes what is escaped or fixed text', () => {
  const sample = [
    "vscode.window.showWarningMessage(vscode.l10n.t('Shot file not found: {0}', e.entry.shot));",
    'void vscode.window.showErrorMessage(`Kling: ${message}`);',
    "window.showInformationMessage('Saved ' + name, 'Open');",
    "vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Shot file not found: {0}', shot)));",
    "vscode.window.showWarningMessage(vscode.l10n.t('Kling: this take is still running; cancel it first.'));",
    "vscode.window.showErrorMessage(notificationText(`Kling: ${message}`), vscode.l10n.t('Open {0}', 'Settings'));",
  ].join('\n');
  assert.deepEqual(unescapedNotifications('sample.ts', sample), [
    "sample.ts:1: vscode.l10n.t('Shot file not found: {0}', e.entry.shot)",
    'sample.ts:2: `Kling: ${message}`',
    "sample.ts:3: 'Saved ' + name",
  ]);
});

test('no notification in src/extension interpolates a value without notificationText', () => {
  const files = globSync(['src/extension/**/*.ts']);
  assert.ok(files.length > 50, files.join(', '));
  const found = files.sort().flatMap(f => unescapedNotifications(f, readFileSync(f, 'utf8')));
  assert.deepEqual(found, []);
});
