// File arguments for `kling validate`: plain paths, directories (every *.kling.json below), and
// globs with *, ? and ** (node 20 has no fs.glob). Shells usually expand globs already; quoted
// globs and Windows shells do not.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.tools', '.vscode-test']);
const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(arg: string): boolean {
  return GLOB_CHARS.test(arg);
}

/** Glob → RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) {
        re += '\\{';
        continue;
      }
      re += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(s => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out);
    } else if (e.isFile()) out.push(p);
  }
}

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
    if (!isGlob(arg)) {
      const abs = path.resolve(cwd, arg);
      const st = await fs.stat(abs).catch(() => undefined);
      if (!st) {
        unmatched.push(arg);
        continue;
      }
      if (st.isDirectory()) {
        const found: string[] = [];
        await walk(abs, found);
        const shots = found.filter(f => f.endsWith('.kling.json')).sort();
        if (shots.length === 0) unmatched.push(arg);
        shots.forEach(f => add(path.relative(cwd, f) || f));
      } else add(arg);
      continue;
    }
    const norm = arg.split(path.sep).join('/');
    const parts = norm.split('/');
    const firstGlob = parts.findIndex(p => isGlob(p));
    const base = parts.slice(0, firstGlob).join('/') || (norm.startsWith('/') ? '/' : '.');
    const baseAbs = path.resolve(cwd, base);
    const re = globToRegExp(parts.slice(firstGlob).join('/'));
    const found: string[] = [];
    await walk(baseAbs, found);
    const matches = found
      .filter(f => re.test(path.relative(baseAbs, f).split(path.sep).join('/')))
      .map(f => (path.isAbsolute(arg) ? f : path.relative(cwd, f)))
      .sort();
    if (matches.length === 0) unmatched.push(arg);
    matches.forEach(add);
  }
  return { files, unmatched };
}
