// A shot's cast: the `*.kling-cast.json` files of its own folder and every folder above it, up to
// the root that holds it (a workspace folder in VS Code, the project root in the CLI), read through
// the boundary. Both faces call this, so a shot resolves to the same members everywhere. A name
// defined in two files is kept out and reported with both files.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import {
  analyzeCast,
  errorText,
  isCastFile,
  isInside,
  MAX_SHOT_FILE_BYTES,
  type CastAnalysis,
  type CastIndex,
  type CastMember,
} from '../core';
import { readInsideReal, realRoots } from './boundary';

export interface ShotCast {
  members: CastIndex;
  /** Names defined in more than one cast file, with the files (nearest first). */
  duplicates: ReadonlyMap<string, readonly string[]>;
  /** Every cast file read, nearest folder first, with its own problems. */
  files: CastAnalysis[];
  /** Cast files that could not be read, in words naming the file. */
  unreadable: string[];
}

export interface CastLookupOptions {
  /** The text of a cast file open in an editor, which wins over the disk. */
  textOf?: (file: string) => string | undefined;
}

/** The folders searched for a shot's cast: its own, then each parent, up to the root holding it. */
export function castFolders(shotFile: string, realRootFolders: readonly string[]): string[] {
  const start = path.dirname(path.resolve(shotFile));
  const root = realRootFolders.filter(r => isInside(r, start)).sort((a, b) => b.length - a.length)[0];
  if (!root) return [start];
  const out: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return out;
}

async function castFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter(e => !e.isDirectory() && isCastFile(e.name))
      .map(e => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** The cast a shot file sees; `roots` as the faces give them (made real here). */
export async function findCast(shotFile: string, roots: readonly string[], o: CastLookupOptions = {}): Promise<ShotCast> {
  const real = await realRoots(roots);
  const members = new Map<string, CastMember>();
  const where = new Map<string, string[]>();
  const files: CastAnalysis[] = [];
  const unreadable: string[] = [];
  for (const dir of castFolders(shotFile, real)) {
    for (const file of await castFilesIn(dir)) {
      let text = o.textOf?.(file);
      if (text === undefined) {
        try {
          const bytes = await readInsideReal(file, real.length ? real : [dir], { maxBytes: MAX_SHOT_FILE_BYTES, kind: 'cast file' });
          text = bytes.toString('utf8').replace(/^\uFEFF/, '');
        } catch (e) {
          unreadable.push(errorText(e));
          continue;
        }
      }
      const cast = analyzeCast(file, text);
      files.push(cast);
      for (const m of cast.members) {
        where.set(m.name, [...(where.get(m.name) ?? []), file]);
        if (!members.has(m.name)) members.set(m.name, m);
      }
    }
  }
  const duplicates = new Map([...where].filter(([, f]) => f.length > 1));
  for (const name of duplicates.keys()) members.delete(name);
  return { members, duplicates, files, unreadable };
}

/** Whether a shot's root value uses a cast (a `cast` key, or none at all to look up). */
export function usesCast(root: unknown): boolean {
  return typeof root === 'object' && root !== null && !Array.isArray(root) && 'cast' in root;
}
