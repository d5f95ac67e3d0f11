// The one build script: the extension and its lazily loaded bundles, the CLI and the webview bundles,
// with esbuild (docs/ARCHITECTURE.md, "Bundles").
//   node scripts/build.mjs [--production] [--watch]
// Before bundling it regenerates schemas/kling-shot.schema.json from the zod source.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Print errors in the shape of the $esbuild-watch problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) {
        console.log('[watch] build started');
      }
    });
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (watch) {
        console.log('[watch] build finished');
      }
    });
  },
};

/**
 * The network client and the simulator are bundles of their own that the extension loads on first
 * use (src/extension/lazy-bundles.ts): their dynamic imports there become requires of the sibling
 * files in dist/, which esbuild leaves alone.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(client|simulator)$/ }, args => {
      if (args.kind !== 'dynamic-import' || relative(root, args.importer) !== 'src/extension/lazy-bundles.ts') {
        return undefined;
      }
      return { path: `./${args.path.slice(3)}.js`, external: true };
    });
    // The extension still uses pure helpers of the client (take records, the take lock, the key
    // from the environment) whose modules import undici at the top. Marked free of side effects,
    // undici is left out wherever nothing that is bundled calls it.
    build.onResolve({ filter: /^undici$/ }, async args => {
      if (args.pluginData === 'undici') {
        return undefined;
      }
      const { path, errors } = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'undici' });
      return errors.length ? { errors } : { path, sideEffects: false };
    });
  },
};

/** What must never be in dist/extension.js again: it is what the lazy bundles exist to keep out. */
const notInExtension = [/^node_modules\/undici\//, /^node_modules\/h264-mp4-encoder\//, /^src\/simulator\//];
const EXTENSION_LIMIT = 1024 * 1024;

function checkExtensionBundle(metafile) {
  const out = metafile.outputs['dist/extension.js'];
  const leaked = Object.keys(out.inputs).filter(i => notInExtension.some(re => re.test(i)));
  if (leaked.length) {
    console.error(`✘ dist/extension.js must load these on first use (src/extension/lazy-bundles.ts), not bundle them:`);
    for (const i of leaked.slice(0, 10)) {
      console.error(`    ${i}`);
    }
    process.exitCode = 1;
  }
  if (production && out.bytes > EXTENSION_LIMIT) {
    console.error(`✘ dist/extension.js is ${out.bytes} bytes; activation must evaluate at most ${EXTENSION_LIMIT}`);
    process.exitCode = 1;
  }
}

if (existsSync(`${root}/scripts/gen-schema.ts`)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-schema.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  plugins: [problemMatcher],
  // jsonc-parser's "main" is a UMD build with dynamic requires esbuild cannot follow; its ESM build
  // bundles cleanly.
  mainFields: ['module', 'main'],
};

// ESM-only dependencies (tinyglobby's fdir) call createRequire(import.meta.url); in a CommonJS
// bundle import.meta is empty and that throws as the bundle loads. Give them the bundle's own URL.
const IMPORT_META_URL = 'var __bundleImportMetaUrl = require("url").pathToFileURL(__filename).href;';
const cjsImportMeta = { define: { 'import.meta.url': '__bundleImportMetaUrl' } };

const webviewEntries = readdirSync(`${root}/src/webview`)
  .filter(f => /^[a-z-]+\.main\.ts$/.test(f))
  .map(f => `src/webview/${f}`);

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts', client: 'src/client/index.ts', simulator: 'src/simulator/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    ...cjsImportMeta,
    banner: { js: IMPORT_META_URL },
    plugins: [...common.plugins, lazyBundles],
    // `import()` of the lazy bundles becomes `require`, which the extension host resolves from dist/.
    supported: { 'dynamic-import': false },
    metafile: true,
    onBuilt: checkExtensionBundle,
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...cjsImportMeta,
    banner: { js: `#!/usr/bin/env node\n${IMPORT_META_URL}` },
  },
  {
    ...common,
    entryPoints: webviewEntries,
    entryNames: '[name]',
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logOverride: { 'import-is-undefined': 'error' },
    loader: { '.css': 'text' },
  },
];

if (!production && existsSync(`${root}/test/vscode`)) {
  // The in-host mocha suites, loaded by the extension host through extensionTestsPath.
  const suites = readdirSync(`${root}/test/vscode`)
    .filter(f => f.endsWith('.ts'))
    .map(f => `test/vscode/${f}`);
  builds.push({
    ...common,
    entryPoints: suites,
    outdir: 'out/test/vscode',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    ...cjsImportMeta,
    banner: { js: IMPORT_META_URL },
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map(({ onBuilt: _, ...options }) => esbuild.context(options)));
  await Promise.all(contexts.map(c => c.watch()));
} else {
  const t0 = Date.now();
  await Promise.all(
    builds.map(async ({ onBuilt, ...options }) => {
      const result = await esbuild.build(options);
      onBuilt?.(result.metafile);
    }),
  );
  console.log(`build: ${builds.length} bundles in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}
