// File content stays text on every UI surface (src/core/ui-text.ts). Markdown is rendered with
// marked 14, the Markdown parser VS Code 1.100 uses for hovers and tooltips (GFM on, so bare URLs
// would autolink); notifications with VS Code's own link syntax; labels with its icon syntax. No
// link, image, icon, HTML or formatting may come out, and the reader still sees the original characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import fc from 'fast-check';
import { hoverInfo } from '../../../src/core';
import { htmlText, labelText, markdownCode, markdownText, notificationText } from '../../../src/core/ui-text';

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

// VS Code's own link syntax for notifications (vs/base/common/linkedText.ts, parseLinkedText).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

test('notificationText: links from file content are not links any more, the text reads the same', () => {
  const hostile = [
    'could not open /ws/renders/[click](command:workbench.action.quit).mp4',
    'Error: [docs](https://evil.example/) and [x](file:///etc/passwd "t")',
    'nested [[a](https://evil.example/)](https://evil.example/2)',
  ];
  for (const s of hostile) {
    assert.ok(s.match(VSCODE_LINK), `the raw text would link: ${s}`);
    const safe = notificationText(s);
    assert.equal(safe.match(VSCODE_LINK), null, `still a link: ${safe}`);
    assert.equal(safe.replace(/\u200b/g, ''), s);
  }
  assert.equal(notificationText('plain text (with parens) and [brackets]'), 'plain text (with parens) and [brackets]');
});

// VS Code's icon syntax in labels (vs/base/browser/ui/iconLabel/iconLabels.ts, renderLabelWithIcons).
const ICON = /(\\)?\$\(([a-z0-9-]+(?:~[a-z]+)?)\)/gi;
/** What renderLabelWithIcons shows: `null` for an icon, the text otherwise. */
function labelParts(s: string): (string | null)[] {
  const out: (string | null)[] = [];
  let at = 0;
  for (const m of s.matchAll(ICON)) {
    if (m.index > at) out.push(s.slice(at, m.index));
    out.push(m[1] ? `$(${m[2]})` : null);
    at = m.index + m[0].length;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

test('labelText: no icon comes out of file content, the label reads the same', () => {
  for (const s of ['$(trash) shot.kling.json', 'a \\$(sync~spin) b', '$(x)$(y)', '$(', 'plain']) {
    const parts = labelParts(labelText(s));
    assert.ok(!parts.includes(null), `an icon from ${JSON.stringify(s)}: ${JSON.stringify(parts)}`);
    assert.equal(parts.join(''), s);
  }
});

test('htmlText: no tag, entity or attribute comes out', () => {
  assert.equal(htmlText(`<img src=x onerror="a('b')">&amp;`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;amp;');
});
