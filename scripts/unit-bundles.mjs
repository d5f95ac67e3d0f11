// The unit test files compiled once, before the run, by esbuild: one CommonJS bundle per test file
// under out/unit/, with a source map, so each file's process starts in plain node instead of loading
// tsx and compiling its imports again (that start-up was most of a small file's time).
// Packages stay external, loaded from node_modules as they were under tsx. A bundle does not sit
// where its sources do, so each source's own __dirname and __filename are written into it.
import * as esbuild from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const OUT = 'out/unit';

/** Gives each of our TypeScript sources its own folder and name, as node would have given it. */
const ownPaths = {
  name: 'own-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async args => {
      const text = await readFile(args.path, 'utf8');
      if (!/__dirname|__filename/.test(text)) {
        return undefined;
      }
      // Prepended on the first line, so every line of the source keeps its number in the source map.
      const own = `const __dirname = ${JSON.stringify(dirname(args.path))}; const __filename = ${JSON.stringify(args.path)}; `;
      return { contents: own + text, loader: 'ts' };
    });
  },
};

/**
 * Bundles `files` (paths relative to `root`) and returns the bundles' paths in the same order. A
 * type error is not esbuild's to find (tsc --noEmit is); a syntax error fails the build.
 */
export async function bundleUnitTests(root, files) {
  await rm(join(root, OUT), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: files,
    outbase: '.',
    outdir: OUT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [ownPaths],
  });
  return files.map(f => join(OUT, f.replace(/\.ts$/, '.js')));
}
