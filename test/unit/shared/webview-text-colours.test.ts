// Text in the webviews takes its colour from the theme (--vscode-* variables), so it keeps its
// contrast in Dark, Light and High Contrast alike; a fixed colour is right in one theme at most.
// (Video stages keep a black background: that is the letterbox, not text.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';

const THEMED = /^(var\(--vscode-[\w-]+.*\)|inherit|currentColor|transparent)$/;

test('every text colour in the webview style sheets is a theme variable', () => {
  const files = globSync(['src/webview/**/*.css']);
  assert.ok(files.length >= 4, files.join(', '));
  const fixed: string[] = [];
  for (const file of files.sort()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?<![\w-])color\s*:\s*([^;}]+)/g)) {
      const value = m[1]!.trim();
      if (!THEMED.test(value)) {
        fixed.push(`${file}:${text.slice(0, m.index).split('\n').length}: color: ${value}`);
      }
    }
  }
  assert.deepEqual(fixed, []);
});
