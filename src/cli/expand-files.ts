// File arguments: plain paths (taken literally first, so `shot[12].kling.json` is a file name, not
// a pattern), directories (every *.kling.json below), and globs (tinyglobby). Shells usually expand
// globs already; quoted globs and Windows shells do not.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

const IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.tools/**', '**/.vscode-test/**'];

export interface Expanded {
  files: string[];
  unmatched: string[];
}

export async function expandFileArgs(args: string[], cwd: string): Promise<Expanded> {
  const files: string[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const k = path.resolve(cwd, f);
    if (!seen.has(k)) {
      seen.add(k);
      files.push(f);
    }
  };
  for (const arg of args) {
    const st = await fs.stat(path.resolve(cwd, arg)).catch(() => undefined);
    if (st?.isDirectory()) {
      const shots = await glob('**/*.kling.json', { cwd: path.resolve(cwd, arg), absolute: true, ignore: IGNORED });
      if (shots.length === 0) unmatched.push(arg);
      shots.sort().forEach(f => add(path.relative(cwd, f) || f));
      continue;
    }
    if (st || !isDynamicPattern(arg)) {
      if (st) add(arg);
      else unmatched.push(arg);
      continue;
    }
    const matches = await glob(arg.split(path.sep).join('/'), { cwd, absolute: path.isAbsolute(arg), ignore: IGNORED, onlyFiles: true });
    if (matches.length === 0) unmatched.push(arg);
    matches.sort().forEach(add);
  }
  return { files, unmatched };
}
