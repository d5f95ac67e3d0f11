// File content inside Markdown stays text. Rendered with marked 14, the Markdown parser VS Code 1.100
// uses for hovers and tooltips (GFM on, so bare URLs would autolink): no link, image, HTML or
// formatting may come out, and the reader still sees the original characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import fc from 'fast-check';
import { hoverInfo } from '../../../src/core';
import { markdownCode, markdownText } from '../../../src/core/markdown-text';

const HOSTILE = [
  '![](https://evil.example/pixel.png)',
  '![alt](https://evil.example/p.png "t") and [click me](https://evil.example/)',
  '[ref][x]\n\n[x]: https://evil.example/ref',
  '<img src="https://evil.example/i.png">',
  '<https://evil.example/autolink>',
  'see https://evil.example/bare and www.evil.example and mail me@evil.example',
  '**bold** _em_ ~~del~~ `code`',
  '# heading\n\n- list\n> quote',
  '```\nfenced\n```',
  'a `` ` `` b ```` c',
  '\\![escaped?](https://evil.example/e.png)',
  '&lt;img src=x&gt; &#x3C;b&#x3E;',
  '[x](javascript:alert(1)) [y](command:workbench.action.quit) [z](file:///etc/passwd)',
  '\u2028![](https://evil.example/ls.png)',
];

const FORBIDDEN = /<(a|img|strong|em|del|h\d|ul|ol|li|blockquote|pre|script|b)\b/i;

function rendered(md: string): string {
  return marked.parse(md, { async: false, gfm: true }) as string;
}

/** What a reader sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

test('markdownText: hostile text renders as the same characters and nothing else', () => {
  for (const s of HOSTILE) {
    const html = rendered(markdownText(s));
    assert.doesNotMatch(html, FORBIDDEN, `${JSON.stringify(s)} → ${html}`);
    assert.doesNotMatch(html, /evil\.example\/[^ ]*"/, `no URL in an attribute: ${html}`);
    assert.equal(visibleText(html), oneLine(s).trim(), `text kept for ${JSON.stringify(s)}`);
  }
});

test('markdownCode: hostile text renders as one code span with the same characters', () => {
  for (const s of HOSTILE) {
    const html = rendered(markdownCode(s));
    assert.doesNotMatch(html, FORBIDDEN, `${JSON.stringify(s)} → ${html}`);
    const spans = html.match(/<code>/g) ?? [];
    assert.equal(spans.length, 1, `one code span for ${JSON.stringify(s)}: ${html}`);
    assert.equal(visibleText(html), oneLine(s).trim(), `text kept for ${JSON.stringify(s)}`);
  }
});

test('markdownText and markdownCode: any string stays text (property)', () => {
  const chars = fc.constantFrom(...'![]()<>`*_~#-+=|\\:/@.&;"\' \nahttpswwwe1'.split(''));
  fc.assert(
    fc.property(fc.string({ unit: chars, maxLength: 40 }), s => {
      for (const md of [markdownText(s), markdownCode(s)]) {
        const html = rendered(md);
        assert.doesNotMatch(html, FORBIDDEN, `${JSON.stringify(s)} → ${JSON.stringify(md)} → ${html}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('hover on a hostile unknown key: no link, no image, the key shown literally', () => {
  for (const key of HOSTILE) {
    const text = `{ ${JSON.stringify(key)}: 1, "prompt": "a" }`;
    const h = hoverInfo(text, 3);
    assert.ok(h, `a hover for ${JSON.stringify(key)}`);
    const html = rendered(h.markdown);
    assert.doesNotMatch(html, /<(a|img|h\d|ul|li|blockquote|pre|script)\b/i, `${JSON.stringify(key)} → ${html}`);
    assert.ok(visibleText(html).includes(oneLine(key).trim()), `the key is shown: ${html}`);
  }
});
