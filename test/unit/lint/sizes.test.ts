// The size rule of docs/ARCHITECTURE.md ("Code"): no source file over 400 lines and no class over
// 300. Large objects are where behaviour gets tangled; the limit makes a split happen when a class
// grows, not in a later clean-up. Classes are found with TypeScript's parser, so a comment or a
// string that says `class` does not count, and a class expression counts like a declaration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot as root, sourceFiles } from './source-files';
const MAX_FILE_LINES = 400;
const MAX_CLASS_LINES = 300;

/** Every class in a source text with its line span (first to last line, inclusive). */
function classSpans(file: string, text: string): { name: string; lines: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      out.push({ name: n.name?.text ?? '(anonymous class)', lines: last - first + 1 });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test(`no source file under src/ is over ${MAX_FILE_LINES} lines`, () => {
  const over = sourceFiles('src')
    .map(file => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1 }))
    .filter(f => f.lines > MAX_FILE_LINES)
    .map(f => `${f.file}: ${f.lines} lines`);
  assert.deepEqual(over, [], `split these by responsibility:\n${over.join('\n')}`);
});

test(`no class under src/ is over ${MAX_CLASS_LINES} lines`, () => {
  const over = sourceFiles('src').flatMap(p =>
    classSpans(p, readFileSync(join(root, p), 'utf8'))
      .filter(c => c.lines > MAX_CLASS_LINES)
      .map(c => `${p}: class ${c.name}, ${c.lines} lines`),
  );
  assert.deepEqual(over, [], `split these by responsibility:\n${over.join('\n')}`);
});

test('the class measure sees a long class, a class expression and ignores a comment', () => {
  const body = Array.from({ length: 5 }, (_, i) => `  m${i}() {}`).join('\n');
  const spans = classSpans('x.ts', `// class NotOne {\nexport class A {\n${body}\n}\nconst B = class {};\n`);
  assert.deepEqual(spans, [
    { name: 'A', lines: 7 },
    { name: '(anonymous class)', lines: 1 },
  ]);
});
