// The layer rules of eslint.config.mjs, probed with in-memory code at paths inside each layer: every
// way out of a layer (static, `export … from`, `import()`, `require()`, a global) is an error, and
// what a layer may use lints clean.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { probeEslint } from './probe-eslint';

const root = join(__dirname, '../../..');
let eslint: ESLint;
before(() => {
  eslint = probeEslint(root);
});

/** A relative specifier `n` folders up: the rules under test count exactly these. */
const up = (n: number, path: string) => `${'../'.repeat(n)}${path}`;

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map(m => `${m.ruleId}: ${m.message}`);
}

const forbidden: [file: string, code: string, mentions: RegExp][] = [
  ['src/core/x.ts', "export const a = fetch('http://127.0.0.1/');", /src\/core is pure/],
  ['src/core/x.ts', 'export const a = process.env.FAL_KEY;', /src\/core is pure/],
  ['src/core/x.ts', 'export const a = globalThis.process;', /src\/core is pure/],
  ['src/core/x.ts', "export const a = require('vscode');", /src\/core is pure/],
  ['src/core/x.ts', "export const a = import('node:fs');", /src\/core may import only these packages/],
  ['src/core/x.ts', "import * as os from 'node:os';\nexport const a = os;", /src\/core may import only these packages/],
  ['src/core/x.ts', "import { glob } from 'tinyglobby';\nexport const a = glob;", /src\/core may import only these packages/],
  ['src/core/media/x.ts', "export const a = () => import('mediabunny');", /src\/core may import only these packages/],
  ['src/core/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;", /src\/core may import only these packages/],
  ['src/core/x.ts', `export { readShotFile } from '${up(1, 'media/read-shot-file')}';`, /src\/core imports no other folder of ours/],
  ['src/core/rules/x.ts', `import { a } from '${up(2, 'media/x')}';\nexport const b = a;`, /src\/core imports no other folder of ours/],
  ['src/core/rules/x.ts', `import { a } from '${up(2, 'shared/messages')}';\nexport const b = a;`, /src\/core imports no other folder/],
  ['src/webview/x.ts', "import * as fs from 'node:fs';\nexport const a = fs;", /src\/webview may import only these packages/],
  [
    'src/webview/x.ts',
    `import { a } from '${up(2, 'test/unit/x')}';\nexport const b = a;`,
    /src\/webview may import only itself and src\/shared/,
  ],
  [
    'src/webview/takes/x.ts',
    `import { a } from '${up(2, 'core/x')}';\nexport const b = a;`,
    /src\/webview may import only itself and src\/shared/,
  ],
  ['src/webview/x.ts', `export const a = import('${up(1, 'client')}');`, /src\/webview may import only itself and src\/shared/],
  [
    'src/shared/x.ts',
    `import { ShotIntent } from '${up(1, 'core/edit/intents')}';\nexport const a = ShotIntent;`,
    /only types from src\/core/,
  ],
  ['src/shared/x.ts', "import * as fs from 'node:fs';\nexport const a = fs;", /src\/shared may import only these packages/],
  ['src/client/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;", /Only src\/extension .* may import vscode/],
  // The network floor never reaches up into the money path; the money path never imports vscode.
  ['src/client/x.ts', `import { planTake } from '${up(1, 'takes')}';\nexport const a = planTake;`, /src\/client may import only itself/],
  ['src/client/x.ts', `export const a = () => import('${up(1, 'takes/store')}');`, /never imports src\/takes/],
  ['src/takes/store/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;", /Only src\/extension .* may import vscode/],
  ['src/takes/x.ts', `import { a } from '${up(1, 'cli/x')}';\nexport const b = a;`, /src\/takes may import only itself/],
  ['src/media/x.ts', "const vscode = require('vscode');\nexport const a = vscode;", /Only src\/extension .* may import vscode/],
  ['src/cli/x.ts', `import { a } from '${up(1, 'extension/x')}';\nexport const b = a;`, /src\/cli may import only itself/],
  ['src/simulator/x.ts', `export const a = import('${up(1, 'extension/x')}');`, /src\/simulator may import only itself/],
  [
    'src/extension/takes/x.ts',
    `import { a } from '${up(2, 'webview/takes/x')}';\nexport const b = a;`,
    /src\/extension may import only itself/,
  ],
  ['src/extension/x.ts', `import { startSimulator } from '${up(1, 'simulator')}';\nexport const a = startSimulator;`, /lazy-bundles/],
  // Inside src/extension: feature folders never import each other, by any form of import.
  [
    'src/extension/takes/x.ts',
    `import type { GenerationService } from '${up(1, 'generation/generation-service')}';\nexport type A = GenerationService;`,
    /src\/extension\/takes is a feature folder/,
  ],
  [
    'src/extension/generation/x.ts',
    `import { TakesPanels } from '${up(1, 'takes/takes-panels')}';\nexport const a = TakesPanels;`,
    /src\/extension\/generation is a feature folder/,
  ],
  [
    'src/extension/generation/commands/x.ts',
    `import { SpendService } from '${up(2, 'spend/spend-service')}';\nexport const a = SpendService;`,
    /src\/extension\/generation is a feature folder/,
  ],
  [
    'src/extension/editor/x.ts',
    `export { TakeMediaViews } from '${up(1, 'takes/take-media')}';`,
    /src\/extension\/editor is a feature folder/,
  ],
  [
    'src/extension/sequence/x.ts',
    `export const a = () => import('${up(1, 'generation/generate-command')}');`,
    /src\/extension\/sequence is a feature folder/,
  ],
  [
    'src/extension/spend/x.ts',
    `export const a = require('${up(1, 'generation/cost-text')}');`,
    /src\/extension\/spend is a feature folder/,
  ],
  [
    'src/extension/continuity/x.ts',
    `import { a } from '${up(1, 'takes')}';\nexport const b = a;`,
    /src\/extension\/continuity is a feature folder/,
  ],
  ['src/extension/takes/x.ts', `import { activate } from '${up(1, 'extension')}';\nexport const a = activate;`, /composition root/],
  // Services and the shared floor import no feature; the shared floor imports no service either.
  [
    'src/extension/analysis/x.ts',
    `import { a } from '${up(1, 'editor/x')}';\nexport const b = a;`,
    /src\/extension\/analysis is a service/,
  ],
  [
    'src/extension/common/x.ts',
    `import { a } from '${up(1, 'takes/x')}';\nexport const b = a;`,
    /src\/extension\/common is the shared floor/,
  ],
  [
    'src/extension/common/x.ts',
    `import type { A } from '${up(1, 'provider/provider-service')}';\nexport type B = A;`,
    /src\/extension\/common is the shared floor/,
  ],
  [
    'src/extension/settings/x.ts',
    `import { a } from '${up(1, 'takes/x')}';\nexport const b = a;`,
    /src\/extension\/settings is the shared floor/,
  ],
  ['src/extension/x.ts', "import { a } from './generation/x';\nexport const b = a;", /top of src\/extension are the shared floor/],
];

const allowed: [file: string, code: string][] = [
  ['src/core/rules/x.ts', `import { a } from '${up(1, 'media/limits')}';\nexport const b = a;`],
  ['src/core/media/x.ts', "import * as path from 'node:path';\nimport { z } from 'zod';\nexport const a = [path, z];"],
  ['src/webview/x.ts', `import { a } from '${up(1, 'shared/messages')}';\nexport const b = a;`],
  [
    'src/webview/takes/x.ts',
    `import { a } from '${up(2, 'shared/takes-messages')}';\nimport { html } from 'lit';\nexport const b = [a, html];`,
  ],
  ['src/shared/x.ts', `import type { ShotIntent } from '${up(1, 'core/edit/intents')}';\nexport type A = ShotIntent;`],
  ['src/extension/x.ts', "import * as vscode from 'vscode';\nexport const a = vscode;"],
  ['src/extension/x.ts', `import type { Simulator } from '${up(1, 'simulator')}';\nexport type A = Simulator;`],
  ['src/extension/lazy-bundles.ts', `export const a = () => import('${up(1, 'simulator')}');`],
  [
    'src/takes/x.ts',
    `import { createFalClient } from '${up(1, 'client')}';\nimport { a } from '${up(1, 'core')}';\nexport const b = [createFalClient, a];`,
  ],
  ['src/cli/x.ts', `import { planTake } from '${up(1, 'takes')}';\nexport const a = planTake;`],
  ['src/cli/x.ts', `import { a } from '${up(1, 'client')}';\nimport * as fs from 'node:fs';\nexport const b = [a, fs];`],
  // A feature folder uses itself, the services, the shared floor and the layers below.
  [
    'src/extension/takes/x.ts',
    `import { a } from './take-media';\nimport { b } from '${up(1, 'common/jobs')}';\nimport { c } from '${up(1, 'analysis/convert')}';\nimport { d } from '${up(1, 'log')}';\nimport { e } from '${up(2, 'takes')}';\nexport const f = [a, b, c, d, e];`,
  ],
  [
    'src/extension/generation/commands/x.ts',
    `import { a } from '${up(1, 'generation-service')}';\nimport { b } from '${up(2, 'common/x')}';\nexport const c = [a, b];`,
  ],
  ['src/extension/provider/x.ts', `import { a } from '${up(1, 'secrets/api-key-store')}';\nexport const b = a;`],
  // The shared floor is one floor: common, settings and the modules at the top use each other.
  [
    'src/extension/common/x.ts',
    `import { a } from '${up(1, 'dispose')}';\nimport { b } from '${up(1, 'settings/settings')}';\nexport const c = [a, b];`,
  ],
  ['src/extension/x.ts', "import { a } from './common/x';\nimport { b } from './settings/settings';\nexport const c = [a, b];"],
  // The composition root wires every floor.
  [
    'src/extension/extension.ts',
    "import { a } from './takes/x';\nimport { b } from './generation/x';\nimport { c } from './spend/x';\nimport { d } from './common/x';\nexport const e = [a, b, c, d];",
  ],
  ['src/extension/test-api.ts', "import type { A } from './spend/x';\nimport type { B } from './takes/x';\nexport type C = A | B;"],
];

describe('layer rules', () => {
  for (const [file, code, mentions] of forbidden) {
    test(`${file}: ${code.split('\n')[0]} is an error`, async () => {
      const found = await problems(file, code);
      assert.ok(
        found.some(p => mentions.test(p)),
        `expected an error matching ${mentions}, got:\n${found.join('\n') || '(none)'}`,
      );
    });
  }
  for (const [file, code] of allowed) {
    test(`${file}: ${code.split('\n')[0]} lints clean`, async () => {
      assert.deepEqual(await problems(file, code), []);
    });
  }

  test('the rules reach the deepest file: eslint.config.mjs covers 6 folders below a layer', () => {
    const depth = (dir: string): number =>
      Math.max(
        0,
        ...readdirSync(dir, { withFileTypes: true })
          .filter(e => e.isDirectory())
          .map(e => 1 + depth(join(dir, e.name))),
      );
    for (const { name: layer } of readdirSync(join(root, 'src'), { withFileTypes: true }).filter(e => e.isDirectory())) {
      assert.ok(depth(join(root, 'src', layer)) <= 6, `src/${layer} nests deeper than MAX_DEPTH in eslint.config.mjs`);
    }
  });
  test('every folder of src/extension sits on a floor: none may import the composition root', async () => {
    const folders = readdirSync(join(root, 'src/extension'), { withFileTypes: true }).filter(e => e.isDirectory());
    assert.ok(folders.length > 5);
    for (const { name } of folders) {
      const found = await problems(
        `src/extension/${name}/x.ts`,
        `import { activate } from '${up(1, 'extension')}';\nexport const a = activate;`,
      );
      assert.ok(found.length > 0, `src/extension/${name} is on no floor of eslint.config.mjs (a feature, a service or common)`);
    }
  });
  test('a feature file 6 folders deep still cannot import another feature', async () => {
    const found = await problems(
      'src/extension/takes/a/b/c/d/e/x.ts',
      `import { a } from '${up(6, 'generation/x')}';\nexport const b = a;`,
    );
    assert.ok(
      found.some(p => /src\/extension\/takes is a feature folder/.test(p)),
      found.join('\n'),
    );
  });
  test('a file 6 folders below its layer still cannot leave it', async () => {
    const found = await problems('src/core/a/b/c/d/e/f/x.ts', `import { a } from '${up(7, 'media/x')}';\nexport const b = a;`);
    assert.ok(
      found.some(p => /src\/core imports no other folder of ours/.test(p)),
      found.join('\n'),
    );
  });
});
