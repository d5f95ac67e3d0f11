// Lint: typescript-eslint's recommended rules, Prettier owns the layout, and import rules that
// encode the layers (docs/ARCHITECTURE.md): arrows point down only, and only the extension layer
// may touch `vscode`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Our folders under src/: the layers. */
const LAYERS = ['cli', 'client', 'core', 'extension', 'media', 'shared', 'simulator', 'takes', 'webview'];
/** The deepest folder nesting under a layer the import rules cover (src/<layer>/a/b/c/d/e/x.ts). */
const MAX_DEPTH = 6;

const escape = s => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = names => `(${names.map(escape).join('|')})(\\/|$)`;

/**
 * The rules of one layer, as a config per folder depth. A relative import's target depends on how
 * deep the importing file sits: from src/core/rules/x.ts, `../media/limits` is core's own
 * src/core/media while `../../media/node-files` is src/media. So the patterns count the `..` segments: one
 * more than the file's depth leaves the layer, and the name after it is the folder of ours it
 * reaches. Static imports, `export … from` and `import x = require()` are checked by
 * @typescript-eslint/no-restricted-imports; `import()` and `require()` by the same regexes through
 * no-restricted-syntax.
 *   ours:      the other folders of ours this layer may import (values and types)
 *   typesOnly: folders of ours it may import types from only (nothing of them lands in its bundle)
 *   packages:  an allow-list of bare and node: imports (any other is an error), or
 *   denied:    a deny-list of them
 *   ignores:   files the layer's rules leave alone
 */
function layerRestrictions(name, { ours = [], typesOnly = [], packages, denied = [], why }, depth) {
  const bare = packages
    ? { regex: `^(?![.\\/])(?!${anyOf(packages)})`, message: `src/${name} may import only these packages: ${packages.join(', ')}. ${why}` }
    : denied.length
      ? { regex: `^${anyOf(denied)}`, message: `src/${name} must not import ${denied.join(', ')}. ${why}` }
      : undefined;
  const up = `^(\\.\\/)?(\\.\\.\\/){${depth}}\\.\\.`;
  const leaves = {
    regex: `${up}(\\/(?!${anyOf([name, ...ours, ...typesOnly])})|$)`,
    message: ours.length
      ? `src/${name} may import only itself and src/${ours.join(', src/')}. ${why}`
      : `src/${name} imports no other folder of ours. ${why}`,
  };
  const types = typesOnly.length
    ? {
        regex: `${up}\\/${anyOf(typesOnly)}`,
        message: `src/${name} may import only types from src/${typesOnly.join(', src/')} (\`import type\`). ${why}`,
        allowTypeImports: true,
      }
    : undefined;
  return [leaves, types, bare].filter(Boolean);
}

/**
 * A config that refuses imports matching any of `restrictions` ({ regex, message, allowTypeImports? }).
 * A type-only allowance holds for static imports; `import()` and `require()` load code, so they are
 * refused whatever it says.
 */
function restrict(files, ignores, restrictions) {
  return {
    files,
    ignores,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: restrictions }],
      'no-restricted-syntax': [
        'error',
        ...restrictions.flatMap(({ regex, message }) => [
          { selector: `ImportExpression[source.value=/${regex}/]`, message },
          { selector: `CallExpression[callee.name='require'][arguments.0.value=/${regex}/]`, message },
        ]),
      ],
    },
  };
}

function layer(name, options) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) =>
    restrict([`src/${name}/${'*/'.repeat(depth)}*.ts`], options.ignores ?? [], layerRestrictions(name, options, depth)),
  );
}

/**
 * src/extension's own floors (docs/ARCHITECTURE.md, "Inside the extension"), top down: the
 * composition root (extension.ts, test-api.ts) makes the services and wires the features; feature
 * folders import no other feature folder; services are what features share (made once, handed in);
 * src/extension/common, src/extension/settings, src/extension/webview and the modules at the top of
 * src/extension are the shared floor. Each floor refuses what sits beside or above it, on top of the extension layer's
 * own rules.
 */
const EXTENSION = {
  // The webviews' code is browser code: the host reaches it only through the built bundles.
  ours: LAYERS.filter(l => l !== 'simulator' && l !== 'webview'),
  typesOnly: ['simulator'],
  why: 'Load the simulator through src/extension/lazy-bundles.ts, or it lands in dist/extension.js.',
  ignores: ['src/extension/lazy-bundles.ts'],
};
const FEATURES = ['agent', 'cast', 'continuity', 'editor', 'generation', 'sequence', 'spend', 'takes'];
const SERVICES = ['analysis', 'provider', 'secrets'];
/** The shared floor's folders: what several features use, the one reader of settings, the one webview host. */
const SHARED = ['common', 'settings', 'webview'];
const COMPOSITION_ROOT = ['extension', 'test-api'];
const WIRING =
  'What two features share belongs in src/extension/common; what one needs of another is an interface the composition root (extension.ts) hands in.';

/** A relative import that climbs from `depth` folders below src/extension to a module of src/extension named in `banned`. */
function floorRestriction(depth, banned, message) {
  const prefix = depth === 0 ? '^\\.\\/' : `^(\\.\\/)?(\\.\\.\\/){${depth}}`;
  return { regex: `${prefix}${anyOf(banned)}`, message };
}

function floor(folder, banned, message) {
  return Array.from({ length: MAX_DEPTH }, (_, i) =>
    restrict(
      [`src/extension/${folder}/${'*/'.repeat(i)}*.ts`],
      [],
      [...layerRestrictions('extension', EXTENSION, i + 1), floorRestriction(i + 1, banned, message)],
    ),
  );
}

function extensionFloors() {
  const rootFiles = COMPOSITION_ROOT.map(f => `src/extension/${f}.ts`);
  const shared = `the shared floor: it imports no feature folder (${FEATURES.join(', ')}), no service (${SERVICES.join(', ')}) and not the composition root.`;
  const topBanned = [...FEATURES, ...SERVICES, ...COMPOSITION_ROOT];
  return [
    ...FEATURES.flatMap(f =>
      floor(
        f,
        [...FEATURES.filter(o => o !== f), ...COMPOSITION_ROOT],
        `src/extension/${f} is a feature folder: it imports no other feature folder (${FEATURES.filter(o => o !== f).join(', ')}) and not the composition root. ${WIRING}`,
      ),
    ),
    ...SERVICES.flatMap(s =>
      floor(
        s,
        [...FEATURES, ...COMPOSITION_ROOT],
        `src/extension/${s} is a service: it imports no feature folder (${FEATURES.join(', ')}) and not the composition root, which hands it to the features.`,
      ),
    ),
    ...SHARED.flatMap(f => floor(f, [...FEATURES, ...SERVICES, ...COMPOSITION_ROOT], `src/extension/${f} is ${shared}`)),
    // The modules at the top of src/extension (log, dispose, …) but the composition root.
    restrict(
      ['src/extension/*.ts'],
      [...rootFiles, ...EXTENSION.ignores],
      [
        ...layerRestrictions('extension', EXTENSION, 0),
        floorRestriction(0, topBanned, `The modules at the top of src/extension are ${shared}`),
      ],
    ),
    restrict(EXTENSION.ignores, [], [floorRestriction(0, topBanned, `The modules at the top of src/extension are ${shared}`)]),
  ];
}

const notVscode = ['vscode'];
const onlyExtensionVscode = 'Only src/extension (and the in-host tests) may import vscode.';
/** Node's own globals, and the browser's network ones: core gets files, processes and the network as arguments. */
const nodeGlobals = Object.keys(globals.node).filter(g => !(g in globals.browser));
const coreGlobals = [...nodeGlobals, 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map(g => ({
  name: g,
  message: 'src/core is pure: file, process and network access come in as arguments.',
}));

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
  {
    // Type-aware rules on the product code: a promise nobody awaits loses its error, and a switch
    // over a union that misses a member silently does nothing for it.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  { files: ['test/harness/code-shim.js'], languageOptions: { sourceType: 'commonjs' } },

  // The layers. Each folder lists what it may import; anything else is an error.
  ...layer('core', {
    // Parsers and translation only; a video's container is read by the FileAccess core is handed.
    packages: ['zod', 'jsonc-parser', '@vscode/l10n', 'diff', 'image-size', 'node:path'],
    why: 'src/core is pure: file, process and network access come in as arguments.',
  }),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...coreGlobals],
      'no-restricted-properties': [
        'error',
        ...['fetch', 'process', 'require'].map(property => ({
          object: 'globalThis',
          property,
          message: 'src/core is pure: file, process and network access come in as arguments.',
        })),
      ],
    },
  },
  // Shared is bundled into the webviews too: zod only, and core's and media's types.
  ...layer('shared', {
    typesOnly: ['core', 'media'],
    packages: ['zod', '@vscode/l10n'],
    why: 'src/shared is the host<->webview message contract and is bundled into the webviews.',
  }),
  ...layer('webview', {
    ours: ['shared'],
    packages: ['@vscode-elements/elements', '@vscode/l10n', 'lit'],
    why: 'The webviews run in the browser and talk to the host only through the messages in src/shared.',
  }),
  // Network only: it journals through a callback and opens files through a boundary it is handed,
  // so it never reaches into src/takes (the floor above it).
  ...layer('client', {
    ours: ['core', 'media', 'shared'],
    denied: notVscode,
    why: `${onlyExtensionVscode} src/client is the network floor: it never imports src/takes.`,
  }),
  // The money path: every face calls it; it calls the network client and the disk services below.
  ...layer('takes', { ours: ['core', 'media', 'client'], denied: notVscode, why: onlyExtensionVscode }),
  ...layer('simulator', { ours: ['core', 'media', 'shared', 'client'], denied: notVscode, why: onlyExtensionVscode }),
  ...layer('cli', { ours: ['core', 'media', 'shared', 'client', 'simulator', 'takes'], denied: notVscode, why: onlyExtensionVscode }),
  // Disk work (shot-file reading, file access for core's media checks, clip inspection): files in,
  // facts out; no network client, no front end.
  ...layer('media', { ours: ['core', 'shared'], denied: notVscode, why: onlyExtensionVscode }),
  // The simulator (with its encoder) is a bundle of its own that the extension loads on first use
  // through src/extension/lazy-bundles.ts; anywhere else it would land in dist/extension.js.
  ...layer('extension', EXTENSION),
  ...extensionFloors(),
  // One typed place reads, writes and follows settings (src/extension/settings): it knows each
  // setting's default, scope and Restricted Mode status, so no caller can read one another way.
  {
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/settings/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['getConfiguration', 'onDidChangeConfiguration'].map(property => ({
          property,
          message:
            'Read, write and follow settings through src/extension/settings/settings.ts (getSetting, updateSetting, onDidChangeSetting).',
        })),
      ],
    },
  },
  {
    files: ['test/unit/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: onlyExtensionVscode }] }] },
  },
);
