// Part of `npm run lint`: l10n/bundle.l10n.json must be what `npm run l10n` (@vscode/l10n-dev
// export) makes of the code now, or new strings would stay English in every other language.
// (A lint step rather than a unit test: the export parses every file with tree-sitter and takes
// several seconds on a shared machine.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'kling-l10n-'));
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js'),
      'export',
      '--outDir',
      out,
      './src/core',
      './src/takes',
      './src/extension',
      './src/webview',
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const exported = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8'));
  const committed = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.json'), 'utf8'));
  if (!isDeepStrictEqual(exported, committed)) {
    const missing = Object.keys(exported).filter(k => !(k in committed));
    const stale = Object.keys(committed).filter(k => !(k in exported));
    console.error('l10n/bundle.l10n.json is stale: run `npm run l10n` and commit it.');
    for (const k of missing) console.error(`  missing: ${k}`);
    for (const k of stale) console.error(`  no longer in the code: ${k}`);
    process.exit(1);
  }
  console.log(`l10n bundle up to date (${Object.keys(exported).length} strings).`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
