// Lint: typescript-eslint's recommended rules, Prettier owns the layout, and import rules that
// encode the layers (docs/ARCHITECTURE.md): arrows point down only, and only the extension layer
// may touch `vscode`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports of our own folders, as written from anywhere under src/ (`../core`, `../../shared/x`). */
const ours = folder => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: `This layer must not import src/${folder}.` });
const vscode = { name: 'vscode', message: 'Only src/extension (and its in-host tests) may import vscode.' };
const nodeIo = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'worker_threads', 'undici'].flatMap(
  m => [
    { name: m, message: 'src/core is pure: file, process and network access come in as arguments.' },
    ...(m === 'undici' ? [] : [{ name: `node:${m}`, message: 'src/core is pure: file, process and network access come in as arguments.' }]),
  ],
);
const layer = (files, { paths = [], patterns = [] }) => ({ files, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.tools/', '.vscode-test/', 'test-results/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Flags `let ok = false; try { ok = await … } finally { … }`, a pattern we use on purpose.
      'no-useless-assignment': 'off',
    },
  },
  { files: ['src/webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['test/harness/code-shim.js'], languageOptions: { sourceType: 'commonjs' } },

  // The layers. Each folder lists what it must not import.
  layer(['src/core/**'], {
    paths: [vscode, ...nodeIo],
    patterns: ['extension', 'client', 'simulator', 'cli', 'webview', 'shared', 'media'].map(ours),
  }),
  layer(['src/shared/**'], { paths: [vscode], patterns: ['extension', 'client', 'simulator', 'cli', 'webview'].map(ours) }),
  layer(['src/webview/**'], { paths: [vscode], patterns: ['extension', 'client', 'simulator', 'cli', 'core', 'media'].map(ours) }),
  layer(['src/client/**'], { paths: [vscode], patterns: ['extension', 'simulator', 'cli', 'webview'].map(ours) }),
  layer(['src/simulator/**'], { paths: [vscode], patterns: ['extension', 'cli', 'webview'].map(ours) }),
  layer(['src/cli/**'], { paths: [vscode], patterns: ['extension', 'webview'].map(ours) }),
  // Disk work (shot-file reading, file access for core's media checks, clip inspection): files in,
  // facts out; no network client, no front end.
  layer(['src/media/**'], { paths: [vscode], patterns: ['extension', 'webview', 'cli', 'client', 'simulator'].map(ours) }),
  layer(['test/unit/**', 'bench/**'], { paths: [vscode] }),
  // The simulator (with its encoder) is a bundle of its own that the extension loads on first use.
  {
    files: ['src/extension/**'],
    ignores: ['src/extension/lazy-bundles.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+simulator(/|$)',
              allowTypeImports: true,
              message: 'Load the simulator through src/extension/lazy-bundles.ts, or it lands in dist/extension.js.',
            },
          ],
        },
      ],
    },
  },
);
