// Take files are watched once: TakeChanges (src/extension/common/take-changes.ts) holds the file
// watchers of take records, clips, selections, shots and sequences, and every view subscribes to it.
// A view that makes a watcher of its own is how the output folder came to be watched three times.
// This scans src/extension with TypeScript's parser (comments and strings do not count) for
// `createFileSystemWatcher`; only the files below may call it, and an allowance no longer used fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot as root, sourceFiles } from './source-files';

const ALLOWED: Record<string, string> = {
  'src/extension/common/take-changes.ts': 'the one watcher of take files (and of an output folder outside the workspace)',
  'src/extension/analysis/shot-analysis-service.ts': 'the images and videos shot files name, for their media checks, not take files',
};

/** The lines of a source text that reach createFileSystemWatcher, by property or by element access. */
function watcherLines(fileName: string, text: string): number[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines: number[] = [];
  const visit = (n: ts.Node) => {
    const named =
      (ts.isPropertyAccessExpression(n) && n.name.text === 'createFileSystemWatcher') ||
      (ts.isElementAccessExpression(n) &&
        ts.isStringLiteralLike(n.argumentExpression) &&
        n.argumentExpression.text === 'createFileSystemWatcher') ||
      (ts.isBindingElement(n) && (n.propertyName ?? n.name).getText(sf) === 'createFileSystemWatcher');
    if (named) lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return lines;
}

test('file watchers are made only by TakeChanges and the media checks', () => {
  const found = new Map<string, number[]>();
  for (const f of sourceFiles('src/extension')) {
    const lines = watcherLines(f, readFileSync(join(root, f), 'utf8'));
    if (lines.length) found.set(f, lines);
  }
  const stray = [...found].filter(([f]) => !(f in ALLOWED)).map(([f, l]) => `${f}:${l.join(',')}`);
  assert.deepEqual(stray, [], 'subscribe to TakeChanges (src/extension/common/take-changes.ts) instead');
  const unused = Object.keys(ALLOWED).filter(f => !found.has(f));
  assert.deepEqual(unused, [], 'an allowance no longer used');
});

test('the scan finds every way of reaching it, and not a comment or a string', () => {
  const sample = [
    '// vscode.workspace.createFileSystemWatcher in a comment',
    "const s = 'createFileSystemWatcher';",
    "vscode.workspace.createFileSystemWatcher('**/*.take.json');",
    "vscode.workspace['createFileSystemWatcher']('x');",
    'const { createFileSystemWatcher } = vscode.workspace;',
    'const { createFileSystemWatcher: w } = vscode.workspace;',
  ].join('\n');
  assert.deepEqual(watcherLines('x.ts', sample), [3, 4, 5, 6]);
});
