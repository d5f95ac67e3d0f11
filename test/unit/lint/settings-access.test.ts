// The settings rule of eslint.config.mjs, probed with in-memory code: in src/extension only
// src/extension/settings may call getConfiguration or onDidChangeConfiguration, however it is reached.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { probeEslint } from './probe-eslint';

const root = join(__dirname, '../../..');
let eslint: ESLint;
before(() => {
  eslint = probeEslint(root);
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map(m => `${m.ruleId}: ${m.message}`);
}

const head = "import * as vscode from 'vscode';\n";
const forbidden: [file: string, code: string][] = [
  ['src/extension/x.ts', "export const a = vscode.workspace.getConfiguration('klingStudio').get('provider');"],
  ['src/extension/takes/x.ts', "export const a = vscode.workspace.getConfiguration('http');"],
  ['src/extension/x.ts', "export const a = vscode.workspace['getConfiguration']('klingStudio');"],
  ['src/extension/x.ts', 'const { getConfiguration } = vscode.workspace;\nexport const a = getConfiguration;'],
  ['src/extension/x.ts', 'const ws = vscode.workspace;\nexport const a = ws.getConfiguration();'],
  ['src/extension/editor/x.ts', 'export const a = vscode.workspace.onDidChangeConfiguration(() => undefined);'],
];

describe('settings are reached only through src/extension/settings', () => {
  for (const [file, code] of forbidden) {
    test(`${file}: ${code.split('\n')[0]} is an error`, async () => {
      const found = await problems(file, head + code);
      assert.ok(
        found.some(p => /no-restricted-properties: .*src\/extension\/settings\/settings\.ts/.test(p)),
        `expected the settings rule, got:\n${found.join('\n') || '(none)'}`,
      );
    });
  }
  test('src/extension/settings itself may call them', async () => {
    const code = `${head}export const a = vscode.workspace.getConfiguration('klingStudio');\nexport const b = vscode.workspace.onDidChangeConfiguration(() => undefined);`;
    assert.deepEqual(await problems('src/extension/settings/settings.ts', code), []);
  });
  test('the module in use lints clean', async () => {
    const code = "import { getSetting } from './settings/settings';\nexport const a = getSetting('provider');";
    assert.deepEqual(await problems('src/extension/x.ts', code), []);
  });
});
