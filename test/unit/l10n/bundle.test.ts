// Every l10n.t call has a shape @vscode/l10n-dev export can see, or its string silently stays
// English in every other language. (That l10n/bundle.l10n.json is up to date is checked by
// `npm run lint`: scripts/check-l10n.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { SHOT_TEMPLATES } from '../../../src/extension/generation/shot-templates';

test('every l10n.t call is on @vscode/l10n or vscode.l10n, with a literal message', () => {
  const problems: string[] = [];
  const files = globSync(['src/extension/**/*.ts', 'src/webview/**/*.ts']);
  assert.ok(files.length > 50, files.join(', '));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const bare = /(?<![\w.])l10n\.t\(/.test(text);
    if (bare && !/^import \* as l10n from '@vscode\/l10n';$/m.test(text)) {
      problems.push(`${file}: l10n.t without \`import * as l10n from '@vscode/l10n'\``);
    }
    for (const m of text.matchAll(/\bl10n\.t\(\s*(\S)/g)) {
      if (!["'", '"', '{'].includes(m[1]!)) {
        problems.push(`${file}:${text.slice(0, m.index).split('\n').length}: l10n.t needs a literal message, not a template or variable`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('every word of the New Shot File templates has its literal translation call', () => {
  const text = readFileSync('src/extension/generation/shot-template-text.ts', 'utf8');
  const words = SHOT_TEMPLATES.flatMap(t => [t.label, t.description, ...(t.media ?? []).map(m => m.title)]);
  const untranslated = words.filter(w => !text.includes(`vscode.l10n.t(${JSON.stringify(w).replace(/^"|"$/g, "'")})`));
  assert.deepEqual(untranslated, []);
});
