// Severity lives in one table (codes.ts): every diagnostic emitted over the examples, fal's
// examples and the invalid corpus carries its code's severity, and no rule names a severity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeShot, checkMedia, DIAGNOSTIC_CODES, type DiagnosticCode, type ShotDiagnostic } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';

const ROOT = path.join(__dirname, '..', '..', '..');
const FOLDERS = ['examples', 'test/fixtures/fal-examples', 'test/fixtures/invalid'].map(f => path.join(ROOT, f));
const files = FOLDERS.flatMap(dir =>
  readdirSync(dir)
    .filter(f => f.endsWith('.kling.json'))
    .map(f => path.join(dir, f)),
);

async function allDiagnostics(file: string): Promise<ShotDiagnostic[]> {
  const a = analyzeShot(readFileSync(file, 'utf8'));
  const media = await checkMedia(a, { shotFilePath: file, workspaceFolders: [path.dirname(file)], files: nodeFileAccess });
  return [...a.diagnostics, ...media];
}

test('every emitted diagnostic has its code’s severity from codes.ts', async () => {
  const seen = new Set<string>();
  for (const file of files) {
    for (const d of await allDiagnostics(file)) {
      assert.ok(Object.hasOwn(DIAGNOSTIC_CODES, d.code), `${path.basename(file)}: unknown code ${d.code}`);
      assert.equal(d.severity, DIAGNOSTIC_CODES[d.code as DiagnosticCode].severity, `${path.basename(file)}: ${d.code} ${d.message}`);
      seen.add(d.code);
    }
  }
  // The corpus exercises a broad set of codes, so this test is not vacuous.
  assert.ok(seen.size >= 25, `only ${seen.size} codes seen: ${[...seen].join(', ')}`);
  for (const c of ['kling.media-data-uri', 'kling.image-format', 'kling.media-empty', 'kling.video-format', 'kling.speech-caps'] as const)
    assert.ok(seen.has(c), `${c} not exercised`);
});

test('every file of the invalid corpus has a problem; examples have none', async () => {
  for (const file of files) {
    const n = (await allDiagnostics(file)).length;
    if (file.includes(`${path.sep}invalid${path.sep}`)) assert.ok(n > 0, path.basename(file));
    else assert.equal(n, 0, path.basename(file));
  }
});

test('rules and media checks never name a severity themselves', () => {
  const dirs = ['src/core/rules', 'src/core/media'];
  for (const dir of dirs) {
    for (const f of readdirSync(path.join(ROOT, dir))) {
      const text = readFileSync(path.join(ROOT, dir, f), 'utf8');
      assert.doesNotMatch(text, /severity:\s*'(error|warning|info)'/, `${dir}/${f}`);
    }
  }
});
