// The one build script: the extension and its lazily loaded bundles, the CLI and the webview bundles,
// with esbuild (docs/ARCHITECTURE.md, "Bundles").
//   node scripts/build.mjs [--production] [--watch]
//   node scripts/build.mjs --check-size   (only measures the production dist/extension.js; writes nothing)
// Before bundling it regenerates schemas/kling-shot.schema.json from the zod source.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `npm test` runs this (test/unit/lint/activation-bundle.test.ts) without a production build.
const checkSize = process.argv.includes('--check-size');

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
 * The network client, the simulator and the cut exporter (src/media/assemble) are bundles of their own that the extension loads on first
 * use (src/extension/lazy-bundles.ts): their dynamic imports there become requires of the sibling
 * files in dist/, which esbuild leaves alone.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/(client|simulator|media\/assemble)$/ }, args => {
      if (args.kind !== 'dynamic-import' || relative(root, args.importer) !== 'src/extension/lazy-bundles.ts') {
        return undefined;
      }
      return { path: `./${args.path.split('/').pop()}.js`, external: true };
    });
    // mediabunny (a third of the extension's code) is one bundle of its own, dist/mediabunny.js,
    // shared by the extension, the client, the simulator and the exporter: one copy in memory, and the
    // extension loads it on its first video (its imports of it are dynamic).
    build.onResolve({ filter: /^mediabunny$/ }, args => {
      if (relative(root, args.importer) === 'src/media/mediabunny.ts') {
        return undefined;
      }
      return { path: './mediabunny.js', external: true, sideEffects: false };
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
const notInExtension = [
  /^node_modules\/mediabunny\//,
  /^node_modules\/undici\//,
  /^node_modules\/h264-mp4-encoder\//,
  /^src\/simulator\//,
  /^src\/media\/assemble\//,
];
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
  if (checkSize) {
    console.log(`dist/extension.js (production): ${out.bytes} bytes, limit ${EXTENSION_LIMIT}`);
  }
  if ((production || checkSize) && out.bytes > EXTENSION_LIMIT) {
    console.error(`✘ dist/extension.js is ${out.bytes} bytes; activation must evaluate at most ${EXTENSION_LIMIT}`);
    process.exitCode = 1;
  }
}

if (!checkSize && existsSync(`${root}/scripts/gen-schema.ts`)) {
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

// ESM dependencies bundled into our CommonJS node bundles (tinyglobby's fdir) read import.meta.url,
// which esbuild leaves empty in CJS output: give them this file's own URL.
const importMetaShim = "var __importMetaUrl = require('url').pathToFileURL(__filename).href;";
const nodeCjs = { platform: 'node', format: 'cjs', target: 'node20', define: { 'import.meta.url': '__importMetaUrl' } };

const webviewEntries = readdirSync(`${root}/src/webview`)
  .filter(f => /^[a-z-]+\.main\.ts$/.test(f))
  .map(f => `src/webview/${f}`);

const builds = [
  {
    ...common,
    entryPoints: {
      extension: 'src/extension/extension.ts',
      client: 'src/client/index.ts',
      simulator: 'src/simulator/index.ts',
      assemble: 'src/media/assemble/index.ts',
      mediabunny: 'src/media/mediabunny.ts',
    },
    outdir: 'dist',
    ...nodeCjs,
    banner: { js: importMetaShim },
    external: ['vscode'],
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
    ...nodeCjs,
    banner: { js: `#!/usr/bin/env node\n${importMetaShim}` },
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
    ...nodeCjs,
    banner: { js: importMetaShim },
    external: ['vscode', 'mocha'],
    // The suites share the extension's mediabunny (one copy per process, as mediabunny requires).
    plugins: [
      ...common.plugins,
      {
        name: 'shared-mediabunny',
        setup: b => b.onResolve({ filter: /^mediabunny$/ }, () => ({ path: '../../../dist/mediabunny.js', external: true })),
      },
    ],
  });
}

if (checkSize) {
  // The extension entry alone, minified as --production makes it, kept in memory: the lazy
  // bundles stay external, so their entries need not be built to know what activation evaluates.
  const { onBuilt, entryPoints, ...options } = builds.find(b => b.entryPoints.extension);
  const result = await esbuild.build({
    ...options,
    entryPoints: { extension: entryPoints.extension },
    minify: true,
    sourcemap: false,
    write: false,
  });
  onBuilt(result.metafile);
} else if (watch) {
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
