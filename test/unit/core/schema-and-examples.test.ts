import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { analyzeShot, checkMedia, shotJsonSchema } from '../../../src/core';
import { nodeFileAccess } from '../../../src/media/node-files';
import { renderSchema, SCHEMA_FILE } from '../../../scripts/gen-schema';

const ROOT = path.join(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES)
  .filter(f => f.endsWith('.kling.json'))
  .sort();

test('the committed JSON Schema is up to date (run: node --import tsx scripts/gen-schema.ts)', () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), renderSchema());
});

test('there is an example per endpoint kind', () => {
  const kinds = new Set(examples.map(f => analyzeShot(readFileSync(path.join(EXAMPLES, f), 'utf8')).endpoint.kind));
  assert.deepEqual([...kinds].sort(), ['image-to-video', 'motion-control', 'text-to-video']);
  assert.ok(examples.some(f => /"multi_prompt"/.test(readFileSync(path.join(EXAMPLES, f), 'utf8'))));
});

for (const f of examples) {
  test(`examples/${f} validates clean, media included`, async () => {
    const file = path.join(EXAMPLES, f);
    const a = analyzeShot(readFileSync(file, 'utf8'));
    assert.deepEqual(
      a.diagnostics.map(d => d.message),
      [],
    );
    const media = await checkMedia(a, { shotFilePath: file, workspaceFolders: [ROOT], files: nodeFileAccess });
    assert.deepEqual(
      media.map(d => d.message),
      [],
    );
  });
}

test('the generated schema accepts every example in vscode-json-languageservice', async () => {
  // The examples point $schema at the committed file; serve the generated one for any request.
  const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(shotJsonSchema()) });
  ls.configure({
    validate: true,
    allowComments: true,
    schemas: [{ uri: 'kling://shot.schema.json', fileMatch: ['*.kling.json'], schema: shotJsonSchema() }],
  });
  for (const f of examples) {
    const doc = TextDocument.create(`file:///x/${f}`, 'jsonc', 1, readFileSync(path.join(EXAMPLES, f), 'utf8'));
    const diags = await ls.doValidation(doc, ls.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' });
    assert.deepEqual(
      diags.map(d => d.message),
      [],
      f,
    );
  }
  const bad = TextDocument.create('file:///x/bad.kling.json', 'jsonc', 1, '{ "prompt": "a", "duration": 5 }');
  assert.ok((await ls.doValidation(bad, ls.parseJSONDocument(bad))).length > 0, 'the schema does reject a numeric duration');
});
