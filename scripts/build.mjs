// The one build script (DESIGN.md §1): host bundle, CLI and webview bundles with esbuild.
//   node scripts/build.mjs [--production] [--watch]
// Before bundling it regenerates schemas/kling-shot.schema.json from the zod source.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

const webviewEntries = readdirSync(`${root}/src/webview`)
  .filter(f => /^[a-z-]+\.main\.ts$/.test(f))
  .map(f => `src/webview/${f}`);

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
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
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(c => c.watch()));
} else {
  const t0 = Date.now();
  await Promise.all(builds.map(b => esbuild.build(b)));
  console.log(`build: ${builds.length} bundles in ${Date.now() - t0} ms${production ? ' (production)' : ''}`);
}
