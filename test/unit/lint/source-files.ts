// The TypeScript sources the lint tests scan, walked once here so every scan reads the same files.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const repoRoot = join(__dirname, '../../..');

/** Every `.ts` file (declaration files left out) below a repo folder, as repo-relative `/` paths. */
export function sourceFiles(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(e => {
      const p = join(dir, e.name);
      return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
    });
  return walk(join(repoRoot, folder)).map(p => relative(repoRoot, p).split(sep).join('/'));
}
