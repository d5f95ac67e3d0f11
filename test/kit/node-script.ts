// A TypeScript program a test runs as a real child process (a racer for a lock, a writer killed
// half-way, a fresh client), bundled once by esbuild into one plain JavaScript file. Each child then
// starts in plain node: a race of 20 processes no longer compiles src/ through tsx 20 times.
import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * Bundles `entry` (with what it imports, dependencies included) into `outDir` and returns the
 * path of the bundle, to run as `node <bundle> …`.
 */
export async function bundleScript(entry: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${entry.replace(/^.*[\\/]/, '').replace(/\.ts$/, '')}.bundle.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles (as in scripts/build.mjs).
    mainFields: ['module', 'main'],
  });
  return outfile;
}
