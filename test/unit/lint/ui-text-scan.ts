// The scan behind ui-text.test.ts: every value that reaches a VS Code surface with a syntax of its
// own (notification links, Markdown, label icons) must be built from fixed text or pass through the
// matching escape of src/core/ui-text.ts. It reads src/extension with the TypeScript type checker,
// so a name is followed to its declaration (in any file of ours) rather than matched by spelling.
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../../..');
const HELPER = path.join(ROOT, 'src/core/ui-text.ts');

/** The surfaces, and the escapes that make a value safe on each. */
export type Sink = 'notification' | 'markdown' | 'label';
const ESCAPES: Record<Sink, readonly string[]> = {
  notification: ['notificationText'],
  markdown: ['markdownText', 'markdownCode'],
  label: ['labelText'],
};

/** `file:line: text` of a node (file relative to the repo, whitespace collapsed). */
export interface Place {
  file: string;
  line: number;
  text: string;
}

export interface Finding {
  sink: Sink;
  /** The value put on the surface. */
  value: Place;
  /** The part of it that may carry unescaped text (the value itself, or a part inside it, perhaps in a function it calls). */
  unsafe: Place;
}

/** An expression (its file and its text, whitespace collapsed) judged fixed text by hand, and why. */
export interface Allowed {
  file: string;
  expr: string;
  why: string;
}

export function placeOf(node: ts.Node): Place {
  const source = node.getSourceFile();
  return {
    file: path.relative(ROOT, source.fileName).split(path.sep).join('/'),
    line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    text: node.getText().replace(/\s+/g, ' '),
  };
}

/** What a parameter stands for while a call is followed into its function: the argument, judged where it was written. */
type Env = ReadonlyMap<ts.Symbol, { arg: ts.Expression | undefined; env: Env }>;
const NO_ENV: Env = new Map();

const NOTIFY = /^show(Information|Warning|Error)Message$/;
/** Methods whose result is made of their receiver and their arguments, adding no text of their own. */
const KEEPS = new Set(['join', 'padStart', 'padEnd', 'concat']);
/** Methods whose result is made of their receiver only (their arguments select, they add no text). */
const SELECTS = new Set(['filter', 'trim', 'slice', 'substring']);
/** Methods that write a number or a date: digits, signs, separators and the locale's month and day names. */
const FORMATS = new Set([
  'toFixed',
  'toPrecision',
  'toString',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
  'toISOString',
]);

/** A program over `files`, with `virtual` texts (a path → its text) standing in for files on disk. */
export function programOf(files: readonly string[], virtual: ReadonlyMap<string, string> = new Map()): ts.Program {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = f => virtual.has(f) || fileExists.call(host, f);
  host.readFile = f => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile.call(host, f, lang, ...rest) : ts.createSourceFile(f, text, lang, true);
  };
  return ts.createProgram([...files, ...virtual.keys()], options, host);
}

export interface ScanOptions {
  allowed?: readonly Allowed[];
  /** Collects the allow-list entries that were needed. */
  used?: Set<Allowed>;
  /** Escape calls judged as if they were not there (`f(x)` as `x`): what removing them would do. */
  removed?: ReadonlySet<ts.Node>;
}

/** The unsafe values put on a surface in `files`. */
export function scan(program: ts.Program, files: readonly string[], opts: ScanOptions = {}): Finding[] {
  const judge = new Judge(program.getTypeChecker(), opts.allowed ?? [], opts.used ?? new Set(), opts.removed ?? new Set());
  const found: Finding[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      for (const [sink, value] of sinksAt(judge.checker, node)) {
        const bad = judge.unsafePart(value, sink, NO_ENV);
        if (bad) found.push({ sink, value: placeOf(value), unsafe: placeOf(bad) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The values `node` puts on a surface with a syntax of its own. */
function sinksAt(checker: ts.TypeChecker, node: ts.Node): [Sink, ts.Expression][] {
  const out: [Sink, ts.Expression][] = [];
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const [first] = node.arguments;
    if (NOTIFY.test(method) && first) out.push(['notification', first]);
    if (method === 'appendMarkdown' && first) out.push(['markdown', first]);
    if (method === 'setStatusBarMessage' && first) out.push(['label', first]);
    if (method === 'withProgress' && first && ts.isObjectLiteralExpression(first)) {
      // A notification's title shows links; the window's (the status bar) shows icons.
      const location = property(first, 'location')?.getText() ?? '';
      const title = property(first, 'title');
      if (title) out.push([/\bWindow\b/.test(location) ? 'label' : 'notification', title]);
    }
    if (method === 'report' && first && ts.isObjectLiteralExpression(first)) {
      const message = property(first, 'message');
      if (message) out.push(['notification', message]);
    }
    if (method === 'showQuickPick' && first) {
      for (const label of quickPickLabels(checker, first, new Set())) out.push(['label', label]);
    }
  }
  if (ts.isNewExpression(node)) {
    const name = node.expression.getText();
    const [first, second] = node.arguments ?? [];
    if (/(^|\.)MarkdownString$/.test(name) && first) out.push(['markdown', first]);
    // A hover's plain string is Markdown too (a MarkedString); a MarkdownString given to it is checked above.
    const markdownString = (e: ts.Expression) => ts.isNewExpression(e) && /(^|\.)MarkdownString$/.test(e.expression.getText());
    if (/(^|\.)Hover$/.test(name) && first && !markdownString(first)) out.push(['markdown', first]);
    if (/(^|\.)CodeLens$/.test(name) && second && ts.isObjectLiteralExpression(second)) {
      const title = property(second, 'title');
      if (title) out.push(['label', title]);
    }
  }
  // A status bar item's text shows icons.
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    node.left.name.text === 'text' &&
    checker.getTypeAtLocation(node.left.expression).getSymbol()?.getName() === 'StatusBarItem'
  ) {
    out.push(['label', node.right]);
  }
  return out;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** The labels, descriptions and details of a quick pick's items (or the items themselves, when they are strings). */
function quickPickLabels(checker: ts.TypeChecker, items: ts.Expression, seen: Set<ts.Node>): ts.Expression[] {
  items = bare(items);
  if (seen.has(items)) return [];
  seen.add(items);
  if (ts.isArrayLiteralExpression(items)) return items.elements.flatMap(itemLabels);
  // items.map(fn) or Array.from(source, fn): the items are what fn returns.
  const mapped = ts.isCallExpression(items)
    ? /(^|\.)map$/.test(items.expression.getText()) || items.expression.getText() === 'Array.from'
    : false;
  if (ts.isCallExpression(items) && mapped) {
    const fn = items.arguments[items.expression.getText() === 'Array.from' ? 1 : 0];
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return results(fn).flatMap(itemLabels);
  }
  if (ts.isIdentifier(items)) {
    const values = valuesOf(checker, items);
    if (values) return values.flatMap(v => quickPickLabels(checker, v, seen));
  }
  return [items]; // not followed: the items as a whole must be fixed text
}

function itemLabels(item: ts.Expression): ts.Expression[] {
  item = bare(item);
  if (!ts.isObjectLiteralExpression(item)) return [item];
  return item.properties.flatMap(p => {
    if (ts.isSpreadAssignment(p)) return [p.expression]; // what it spreads must be fixed as a whole
    const name = p.name?.getText();
    if (name !== 'label' && name !== 'description' && name !== 'detail') return [];
    return ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : [];
  });
}

function bare(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) {
    e = e.expression;
  }
  return e;
}

/** Text that cannot carry a file's content: numbers, booleans, and string literal types (our own words). */
function fixedType(t: ts.Type): boolean {
  if (t.isUnion()) return t.types.every(fixedType);
  const F = ts.TypeFlags;
  return !!(
    t.flags &
    (F.NumberLike | F.BooleanLike | F.BigIntLike | F.EnumLike | F.StringLiteral | F.Undefined | F.Null | F.Void | F.Never)
  );
}

class Judge {
  /** The expressions being judged right now: a cycle (a recursive function) is judged where it started. */
  private readonly active = new Set<ts.Node>();

  constructor(
    readonly checker: ts.TypeChecker,
    private readonly allowed: readonly Allowed[],
    private readonly used: Set<Allowed>,
    private readonly removed: ReadonlySet<ts.Node>,
  ) {}

  /** The first part of `e` that may carry unescaped text onto `sink`, or undefined when it is all safe. */
  unsafePart(e: ts.Expression, sink: Sink, env: Env): ts.Expression | undefined {
    e = bare(e);
    if (this.active.has(e)) return undefined;
    this.active.add(e);
    try {
      return this.judge(e, sink, env);
    } finally {
      this.active.delete(e);
    }
  }

  private judge(e: ts.Expression, sink: Sink, env: Env): ts.Expression | undefined {
    const all = (parts: readonly ts.Expression[], in_ = env) => parts.map(p => this.unsafePart(p, sink, in_)).find(p => p !== undefined);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return undefined;
    if (fixedType(this.checker.getTypeAtLocation(e))) return undefined;
    const place = placeOf(e);
    const allowed = this.allowed.find(a => a.file === place.file && a.expr === place.text);
    if (allowed) {
      this.used.add(allowed);
      return undefined;
    }
    if (ts.isTemplateExpression(e)) return all(e.templateSpans.map(s => s.expression));
    if (ts.isConditionalExpression(e)) return all([e.whenTrue, e.whenFalse]);
    if (ts.isBinaryExpression(e)) {
      const k = e.operatorToken.kind;
      const S = ts.SyntaxKind;
      return k === S.PlusToken || k === S.QuestionQuestionToken || k === S.BarBarToken || k === S.AmpersandAmpersandToken
        ? all([e.left, e.right])
        : e;
    }
    if (ts.isArrayLiteralExpression(e)) return all(e.elements.map(x => (ts.isSpreadElement(x) ? x.expression : x)));
    if (ts.isCallExpression(e)) return this.call(e, sink, env);
    if (ts.isIdentifier(e)) {
      const symbol = this.checker.getSymbolAtLocation(e);
      const param = symbol && env.get(symbol);
      if (param) return param.arg ? this.unsafePart(param.arg, sink, param.env) : undefined;
      const values = valuesOf(this.checker, e);
      return values ? all(values) : e;
    }
    return e;
  }

  private call(e: ts.CallExpression, sink: Sink, env: Env): ts.Expression | undefined {
    const all = (parts: readonly ts.Expression[], in_ = env) => parts.map(p => this.unsafePart(p, sink, in_)).find(p => p !== undefined);
    const callee = bare(e.expression);
    const decl = declarationOf(this.checker, callee);
    if (decl && isEscape(decl)) {
      if (this.removed.has(e)) return all([...e.arguments]);
      return ESCAPES[sink].includes(decl.name?.getText() ?? '') ? undefined : e;
    }
    if (isL10nT(callee)) {
      const [message, ...args] = e.arguments;
      return message && ts.isStringLiteral(message) ? all(args) : e;
    }
    if (callee.getText() === 'String') return all([...e.arguments]);
    if (ts.isPropertyAccessExpression(callee) && FORMATS.has(callee.name.text)) {
      const receiver = this.checker.getTypeAtLocation(callee.expression);
      if (fixedType(receiver) || receiver.getSymbol()?.getName() === 'Date') return undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && KEEPS.has(callee.name.text)) return all([callee.expression, ...e.arguments]);
    if (ts.isPropertyAccessExpression(callee) && SELECTS.has(callee.name.text)) return all([callee.expression]);
    const fn = decl && functionOf(decl);
    if (!fn || !ours(fn)) return e;
    // Into the function, its parameters standing for this call's arguments.
    const inner = new Map(env);
    fn.parameters.forEach((p, i) => {
      const symbol = ts.isIdentifier(p.name) ? this.checker.getSymbolAtLocation(p.name) : undefined;
      if (symbol) inner.set(symbol, { arg: e.arguments[i] ?? p.initializer, env: e.arguments[i] ? env : inner });
    });
    return all(results(fn), inner);
  }
}

function isEscape(decl: ts.NamedDeclaration | undefined): boolean {
  return (
    !!decl &&
    decl.getSourceFile().fileName === HELPER &&
    Object.values(ESCAPES)
      .flat()
      .includes(decl.name?.getText() ?? '')
  );
}

/** Every call of an escape in `files`. */
export function escapeCalls(program: ts.Program, files: readonly string[]): ts.CallExpression[] {
  const checker = program.getTypeChecker();
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && isEscape(declarationOf(checker, bare(n.expression)))) out.push(n);
    ts.forEachChild(n, visit);
  };
  for (const f of files) visit(program.getSourceFile(f)!);
  return out;
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
}

function isL10nT(callee: ts.Expression): boolean {
  return /^(vscode\.)?l10n\.t$/.test(callee.getText());
}

function ours(node: ts.Node): boolean {
  const file = node.getSourceFile();
  return !file.isDeclarationFile && !file.fileName.split(/[\\/]/).includes('node_modules');
}

function declarationOf(checker: ts.TypeChecker, callee: ts.Expression): ts.NamedDeclaration | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations?.[0] as ts.NamedDeclaration | undefined;
}

type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

function functionOf(decl: ts.Node): Fn | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl.body ? decl : undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = bare(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** What a function returns: its expression body, or each `return` of its own (not of functions inside it). */
function results(fn: Fn): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

/**
 * Everything a variable can hold: its initializer and every assignment to it, and for an array
 * whatever is pushed into it or set at an index. Undefined when that cannot be known here (a
 * parameter, a destructured name, a variable of another module's).
 */
function valuesOf(checker: ts.TypeChecker, id: ts.Identifier): ts.Expression[] | undefined {
  const symbol = checker.getSymbolAtLocation(id);
  const decl = symbol?.valueDeclaration;
  if (!symbol || !decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const values: ts.Expression[] = [decl.initializer];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== decl.name && checker.getSymbolAtLocation(n) === symbol) {
      const p = n.parent;
      if (ts.isBinaryExpression(p) && p.left === n && isAssignment(p.operatorToken.kind)) values.push(p.right);
      if (ts.isPropertyAccessExpression(p) && ['push', 'unshift', 'splice'].includes(p.name.text) && ts.isCallExpression(p.parent)) {
        values.push(...p.parent.arguments);
      }
      if (ts.isElementAccessExpression(p) && ts.isBinaryExpression(p.parent) && p.parent.left === p) values.push(p.parent.right);
    }
    ts.forEachChild(n, visit);
  };
  visit(decl.getSourceFile());
  return values;
}
