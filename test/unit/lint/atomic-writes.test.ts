// Every file the project writes goes through the atomic writer (src/media/atomic-write.ts): temp
// file, fsync, rename, the temp removed on any error. This scans src/ (TypeScript's parser, so
// comments and strings do not count) for a raw write anywhere else: rename, writeFile,
// createWriteStream, copyFile and their kin (whatever object they are called on: node:fs, a
// FileHandle, vscode.workspace.fs), open() with a flag that writes, and mediabunny's
// FilePathTarget (which ignores a short write, so a full disk made a "finished" truncated cut).
// The allow-list is short, and each entry says why; an entry that no longer writes fails too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot as root, sourceFiles } from './source-files';

const WRITERS = new Set([
  'rename',
  'renameSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createWriteStream',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'copy',
  'link',
  'linkSync',
  'truncate',
  'truncateSync',
]);
const OPENERS = new Set(['open', 'openSync']);

/** Files that may write raw, and why. */
const ALLOWED: Record<string, string> = {
  'src/media/atomic-write.ts': 'the atomic writer itself',
  'src/takes/store/take-lock.ts':
    "the take lock's own files: created whole by a hard link of a temp file that fails when the lock exists, a protocol of its own",
  'src/client/download.ts':
    'the resumable download: its .part file grows across runs (append, truncate) and is renamed into place only once its size, hash and MP4 check out',
  'src/simulator/storage.ts': "the simulator's storage: a test double's files in its own temp folder",
  'src/extension/takes/take-files.ts':
    "a take's files moved to the trash folder (vscode.workspace.fs.rename) or its clip copied where the user chose (Save Clip As, vscode.workspace.fs.copy): a move and a whole-file copy, no bytes of ours written",
};

/** Open flags that only read: numeric flags made of these alone (O_WRONLY, O_RDWR, O_CREAT… are not). */
const READ_ONLY_FLAGS = new Set(['O_RDONLY', 'O_NONBLOCK', 'O_NOFOLLOW', 'O_CLOEXEC', 'O_NOATIME', 'O_DIRECTORY']);

/**
 * Whether numeric flags (`constants.O_RDONLY | constants.O_NONBLOCK`, inline or a `const` of the same
 * file) name read-only flags alone; numbers, `?? 0` and other names count as may-write.
 */
function readOnlyFlags(e: ts.Expression, sf: ts.SourceFile, seen = new Set<string>()): boolean {
  if (ts.isParenthesizedExpression(e)) return readOnlyFlags(e.expression, sf, seen);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind))
    return readOnlyFlags(e.left, sf, seen) && readOnlyFlags(e.right, sf, seen);
  if (ts.isNumericLiteral(e)) return e.text === '0';
  if (ts.isPropertyAccessExpression(e)) return READ_ONLY_FLAGS.has(e.name.text);
  if (ts.isIdentifier(e)) {
    if (READ_ONLY_FLAGS.has(e.text)) return true;
    if (seen.has(e.text)) return false;
    seen.add(e.text);
    let init: ts.Expression | undefined;
    const find = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text && n.initializer) {
        const list = n.parent;
        if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) init = n.initializer;
      }
      ts.forEachChild(n, find);
    };
    find(sf);
    return init !== undefined && readOnlyFlags(init, sf, seen);
  }
  return false;
}

/** `open(path, flags)` of node:fs (`open`, `fs.open`; not a panel's `open`) writes when its flags are not a plain read. */
function opensForWriting(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const nodeFs =
    ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && /^(fs|fsp|promises)$/.test(callee.expression.getText()));
  const flags = call.arguments[1];
  if (!nodeFs || !flags) return false;
  if (ts.isStringLiteralLike(flags)) return /[wa+]/.test(flags.text);
  return !readOnlyFlags(flags, call.getSourceFile()); // other computed flags: may write
}

function calleeName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The raw writes in one file's source, as `line: what`. */
function rawWrites(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits: string[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name && WRITERS.has(name)) hits.push(`${at(n)}: ${name}()`);
      if (name && OPENERS.has(name) && opensForWriting(n)) hits.push(`${at(n)}: ${name}() for writing`);
    }
    if (ts.isNewExpression(n) && calleeName(n.expression) === 'FilePathTarget') hits.push(`${at(n)}: new FilePathTarget()`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return hits;
}

test('no raw write of a user file outside the atomic writer', () => {
  const files = sourceFiles('src');
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const found = new Map(files.map(f => [f, rawWrites(f, readFileSync(join(root, f), 'utf8'))]));
  const outside = [...found].filter(([f, hits]) => hits.length && !(f in ALLOWED)).flatMap(([f, hits]) => hits.map(h => `${f}:${h}`));
  assert.deepEqual(
    outside,
    [],
    'write through src/media/atomic-write.ts (writeFileAtomic, writeAtomic, stageFile), or justify the file in ALLOWED',
  );
  const stale = Object.keys(ALLOWED).filter(f => !found.get(f)?.length);
  assert.deepEqual(stale, [], 'these allowed files no longer write raw: take them off the list');
});

test('the scan sees each kind of raw write, however it is called, and not a mention of one', () => {
  const flagged: [string, string][] = [
    ["import { writeFile } from 'node:fs/promises';\nawait writeFile(p, 'x');", 'writeFile()'],
    ["import * as fs from 'node:fs';\nfs.writeFileSync(p, 'x');", 'writeFileSync()'],
    ["import { rename } from 'node:fs/promises';\nawait rename(tmp, p);", 'rename()'],
    ["import { createWriteStream } from 'node:fs';\nconst s = createWriteStream(p);", 'createWriteStream()'],
    ["import { copyFile } from 'node:fs/promises';\nawait copyFile(a, b);", 'copyFile()'],
    ["import * as fs from 'node:fs/promises';\nawait fs.appendFile(p, 'x');", 'appendFile()'],
    ['await vscode.workspace.fs.writeFile(uri, bytes);', 'writeFile()'],
    ['await fh.writeFile(text);', 'writeFile()'],
    ["const fh = await open(p, 'w');", 'open() for writing'],
    ['const fh = await open(p, constants.O_WRONLY | constants.O_CREAT);', 'open() for writing'],
    ['const F = constants.O_RDONLY | constants.O_CREAT;\nconst fd = openSync(p, F);', 'openSync() for writing'],
    ["const fh = await fs.open(p, 'wx');", 'open() for writing'],
    ['const fd = openSync(p, resume ? "a" : "w");', 'openSync() for writing'],
    ['const t = new FilePathTarget(p);', 'new FilePathTarget()'],
  ];
  for (const [code, what] of flagged) assert.deepEqual(rawWrites('src/cli/x.ts', code), [`${code.split('\n').length}: ${what}`], code);
  const clean = [
    "const fh = await open(p, 'r');",
    "const fh = await fs.open(p, 'r');",
    'const READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);\nconst fh = await open(p, READ);',
    'const fd = openSync(p, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);',
    'ctx.takes.open(shotUri, { select: id });',
    'const fh = await open(p);',
    '// we never call writeFile(p) here',
    "const s = 'rename(a, b)';",
    'await writeFileAtomic(p, text);',
    'process.stdout.write(line);',
  ];
  for (const code of clean) assert.deepEqual(rawWrites('src/cli/x.ts', code), [], code);
});
