// package.json shows no English of its own: every user-facing string is a %key% that
// package.nls.json defines, and package.nls.json holds no key that nothing uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

/** Properties whose string values VS Code shows to the user. */
const SHOWN = new Set(['title', 'description', 'markdownDescription', 'displayName', 'contextualTitle', 'category', 'contents', 'name']);

/** Every string at a shown property (or in enumDescriptions, or a language's display alias), with its JSON path. */
function shownStrings(v: unknown, path: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => shownStrings(x, `${path}[${i}]`, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      // A language-model tool's name is the id agents call it by, never shown as words.
      if (k === 'name' && /\.languageModelTools\[\d+\]$/.test(path)) continue;
      if (typeof x === 'string' && SHOWN.has(k)) {
        out.push([p, x]);
      } else if (k === 'enumDescriptions' && Array.isArray(x)) {
        x.forEach((s, i) => out.push([`${p}[${i}]`, String(s)]));
      } else if (k === 'aliases' && Array.isArray(x)) {
        // The first alias is the language's display name; the others are ids users type.
        out.push([`${p}[0]`, String(x[0])]);
      } else {
        shownStrings(x, p, out);
      }
    }
  }
  return out;
}

const shown = [
  ['displayName', pkg.displayName],
  ['description', pkg.description],
  ...shownStrings(pkg.capabilities, 'capabilities', []),
  ...shownStrings(pkg.contributes, 'contributes', []),
] as [string, string][];

test('every user-facing string in package.json is a %key% of package.nls.json', () => {
  assert.ok(shown.length > 50, `found only ${shown.length} strings: the walk misses contributions`);
  const literal = shown.filter(([, s]) => !/^%[^%]+%$/.test(s));
  assert.deepEqual(literal, [], 'literal text: move it to package.nls.json');
  const missing = shown.map(([, s]) => s.slice(1, -1)).filter(k => !(k in nls));
  assert.deepEqual(missing, [], 'keys package.nls.json lacks');
});

test('package.nls.json has no key that package.json does not use', () => {
  const used = new Set([...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map(m => m[1]));
  const unused = Object.keys(nls).filter(k => !used.has(k));
  assert.deepEqual(unused, []);
  for (const [k, v] of Object.entries(nls)) {
    assert.ok(typeof v === 'string' && v.trim() !== '', `${k} is empty`);
  }
});
