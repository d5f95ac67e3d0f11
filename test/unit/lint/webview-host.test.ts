// Every page of ours (shot editor, sequence editor, takes panel, compare view) is hosted by the one
// WebviewHost (src/extension/webview/): its CSP with a nonce, what it may load, its ready handshake
// and the zod check of what it sends. This scans src/extension (TypeScript's parser, so comments do
// not count) for a second copy of that work: writing a webview's html, listening to its messages,
// setting its localResourceRoots, or building a CSP. Only the host's own files may; an allowance
// that is no longer used fails too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot as root, sourceFiles } from './source-files';

type Work = 'html' | 'messages' | 'roots' | 'csp';

/** The host's files and the part of its work each holds. */
const ALLOWED: Record<string, readonly Work[]> = {
  'src/extension/webview/webview-host.ts': ['html', 'messages', 'roots'],
  'src/extension/webview/webview-html.ts': ['csp'],
};

/** Text that is a Content-Security-Policy or a piece of one. */
const CSP = /Content-Security-Policy|\b(default|script|style|img|media|font|connect|frame)-src\b|'nonce-/i;

function nameOf(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** The host's work done in one file's source, as `line: what`. */
function hostWork(fileName: string, text: string): [Work, string][] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits: [Work, string][] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = nameOf(n.left);
      if (name === 'html') hits.push(['html', `${at(n)}: sets .html`]);
      if (name === 'localResourceRoots') hits.push(['roots', `${at(n)}: sets .localResourceRoots`]);
    }
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && nameOf(n) === 'onDidReceiveMessage') {
      hits.push(['messages', `${at(n)}: onDidReceiveMessage`]);
    }
    if ((ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) && n.name.getText(sf) === 'localResourceRoots') {
      hits.push(['roots', `${at(n)}: localResourceRoots`]);
    }
    if ((ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && CSP.test(n.text)) {
      hits.push(['csp', `${at(n)}: CSP text ${JSON.stringify(n.text.slice(0, 40))}`]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return hits;
}

test('only the webview host writes a page, listens to it, sets what it may load or builds its CSP', () => {
  const files = sourceFiles('src/extension');
  assert.ok(files.length > 50, `only ${files.length} source files found`);
  const found = new Map(files.map(f => [f, hostWork(f, readFileSync(join(root, f), 'utf8'))]));
  const elsewhere = [...found].flatMap(([f, hits]) => hits.filter(([work]) => !ALLOWED[f]?.includes(work)).map(([, h]) => `${f}:${h}`));
  assert.deepEqual(elsewhere, [], 'host a page with WebviewHost (src/extension/webview/webview-host.ts) instead');
  const stale = Object.entries(ALLOWED).flatMap(([f, works]) =>
    works.filter(w => !found.get(f)?.some(([work]) => work === w)).map(w => `${f}: ${w}`),
  );
  assert.deepEqual(stale, [], 'these allowances are no longer used: take them off the list');
});

test('the scan sees each part of a host, however it is written, and not a mention of one', () => {
  const flagged: [string, Work][] = [
    ["panel.webview.html = '<html></html>';", 'html'],
    ['this.panel.webview.html = page(webview);', 'html'],
    ["webview['html'] = text;", 'html'],
    ['const sub = panel.webview.onDidReceiveMessage(m => handle(m));', 'messages'],
    ["this.register(webview['onDidReceiveMessage'](receive));", 'messages'],
    ['const on = webview.onDidReceiveMessage;', 'messages'],
    ['webview.options = { enableScripts: true, localResourceRoots: [dist] };', 'roots'],
    ['webview.options = { enableScripts: true, localResourceRoots };', 'roots'],
    ['opts.localResourceRoots = [dist];', 'roots'],
    ["const csp = `default-src 'none'; script-src 'nonce-${nonce}'`;", 'csp'],
    ['const meta = \'<meta http-equiv="Content-Security-Policy" content="x">\';', 'csp'],
    ["const policy = [`img-src ${src}`, 'media-src x'].join('; ');", 'csp'],
  ];
  for (const [code, work] of flagged) {
    const hits = hostWork('src/extension/x.ts', code);
    assert.ok(
      hits.some(([w]) => w === work),
      `${code} → ${JSON.stringify(hits)}`,
    );
  }
  const clean = [
    '// never set webview.html or call onDidReceiveMessage here; no default-src either',
    'const html = render(view);',
    'host.syncHtml();',
    "const text = 'a script source file';",
    'host.post({ type: "takes" });',
    'const roots = mediaRoots();',
  ];
  for (const code of clean) assert.deepEqual(hostWork('src/extension/x.ts', code), [], code);
});
