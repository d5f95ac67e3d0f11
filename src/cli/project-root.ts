// The folder local media must stay inside when the CLI uploads: `--root` when given, else the
// nearest ancestor of the shot holding .git, .vscode or package.json, else the shot's folder.
// Never `/` or the home folder by default: that would let a shot upload any file of the user.
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';

const MARKERS = ['.git', '.vscode', 'package.json'];

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** `/` or the home folder: never a project root by default, and never made into one by `kling init`. */
export function tooWide(dir: string): boolean {
  const d = path.resolve(dir);
  return d === path.parse(d).root || d === path.resolve(homedir());
}

/** The default roots of a shot file (absolute); empty when only `/` or home would qualify. */
export async function projectRootsOf(shotFile: string): Promise<string[]> {
  const start = path.dirname(path.resolve(shotFile));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (!tooWide(dir)) {
      for (const m of MARKERS) if (await exists(path.join(dir, m))) return [dir];
    }
    if (path.dirname(dir) === dir) break;
  }
  return tooWide(start) ? [] : [start];
}

/**
 * Where the files a shot or a sequence names (its takes, their records and clips, a sequence's
 * shots) must really be: the `--root` folders when given, else the project root of `file`, else
 * its own folder; plus folders named on the command line (`--out`, `--renders`), which the user
 * chose deliberately. Anything whose real path is elsewhere is not read.
 */
export async function readRootsOf(file: string, given: readonly string[], named: readonly (string | undefined)[] = []): Promise<string[]> {
  const roots = given.length ? [...given] : await projectRootsOf(file);
  if (roots.length === 0) roots.push(path.dirname(path.resolve(file)));
  for (const n of named) if (n !== undefined) roots.push(path.resolve(n));
  return roots;
}
