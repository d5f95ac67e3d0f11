// The workspace boundary. A local media file may be previewed, measured or uploaded only when its
// real path, after every symlink, lies inside one of the roots (the workspace folders in VS Code,
// the project root in the CLI). Uploading sends a file to a third party, so this is money- and
// privacy-critical: the extension and the CLI both call this module, never a copy of it.
import type { FileHandle } from 'node:fs/promises';
import { open, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInside } from '../core';

export type BoundaryCheck =
  | { inside: true; realPath: string }
  | { inside: false; reason: 'outside'; realPath: string }
  | { inside: false; reason: 'missing'; realPath?: undefined };

export class OutsideRootError extends Error {
  constructor(
    readonly file: string,
    readonly realPath: string | undefined,
    readonly roots: readonly string[],
  ) {
    super(
      realPath === undefined
        ? `${file} does not exist.`
        : `${file} resolves to ${realPath}, outside ${roots.length === 1 ? `the root ${roots[0]}` : `the roots ${roots.join(', ')}`}: only files inside are read or uploaded.`,
    );
    this.name = 'OutsideRootError';
  }
}

/** The roots with their own symlinks resolved (a root that does not exist stays as written). */
export function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map(r => realpath(r).catch(() => resolve(r))));
}

/** Where `file` really is, and whether that is inside one of `roots` (already real, see realRoots). */
export async function checkInside(file: string, roots: readonly string[]): Promise<BoundaryCheck> {
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { inside: false, reason: 'missing' };
  }
  return roots.some(r => isInside(r, real)) ? { inside: true, realPath: real } : { inside: false, reason: 'outside', realPath: real };
}

/**
 * Opens `file` for reading only if it is inside the roots, and proves that the opened file is the
 * one that was checked: a symlink retargeted between the check and the open would otherwise send
 * a different file. Read (hash, upload) from the returned handle only; the caller closes it.
 */
export async function openInside(file: string, roots: readonly string[]): Promise<{ handle: FileHandle; realPath: string }> {
  const checked = await checkInside(file, roots);
  if (!checked.inside) {
    throw new OutsideRootError(file, checked.realPath, roots);
  }
  // Open the resolved path, not the link: what is opened is what was judged.
  const handle = await open(checked.realPath, 'r');
  try {
    const [opened, named, again] = await Promise.all([handle.stat(), stat(checked.realPath), checkInside(file, roots)]);
    if (opened.dev !== named.dev || opened.ino !== named.ino || !again.inside || again.realPath !== checked.realPath) {
      throw new OutsideRootError(file, again.realPath, roots);
    }
    if (!opened.isFile()) {
      throw new Error(`${file} is not a regular file.`);
    }
    return { handle, realPath: checked.realPath };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * What the network client uploads through: a file is opened only inside the roots, and the handle
 * that was checked is the one read. Handed to the client, which never opens a user's file itself.
 */
export function mediaOpener(roots: readonly string[]): (file: string) => Promise<FileHandle> {
  const real = realRoots(roots);
  return async file => (await openInside(file, await real)).handle;
}
