// Pure (no vscode): unit-tested in test/unit/generation.
import { realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setAtPath } from '../../client';
import { isInside, type JsonPath, type MediaRef } from '../../core';

export interface LocalMedia {
  ref: MediaRef;
  absPath: string;
  realPath: string;
}

export class MediaOutsideWorkspaceError extends Error {
  constructor(
    readonly value: string,
    readonly realPath: string,
  ) {
    super(`${value} resolves to ${realPath}, outside the workspace: only files inside the workspace are uploaded.`);
  }
}

/**
 * Resolves the shot's local media and checks each one, after symlinks, is inside a workspace
 * folder. The analysis checked this too; it is repeated right before upload because a symlink can
 * change in between, and an upload sends the file to a third party.
 */
export async function resolveLocalMedia(
  shotFsPath: string,
  refs: readonly MediaRef[],
  workspaceFolders: readonly string[],
): Promise<LocalMedia[]> {
  const roots = await Promise.all(
    (workspaceFolders.length ? workspaceFolders : [dirname(shotFsPath)]).map(f => realpath(f).catch(() => resolve(f))),
  );
  const out: LocalMedia[] = [];
  for (const ref of refs) {
    if (!ref.isLocal) {
      continue;
    }
    const absPath = resolve(dirname(shotFsPath), ref.value);
    const real = await realpath(absPath);
    if (!roots.some(r => isInside(r, real))) {
      throw new MediaOutsideWorkspaceError(ref.value, real);
    }
    out.push({ ref, absPath, realPath: real });
  }
  return out;
}

/** A deep copy of the body with the value at each path replaced (paths come from core's MediaRef). */
export function replaceAtPaths(
  body: Record<string, unknown>,
  replacements: readonly { path: JsonPath; value: unknown }[],
): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const { path, value } of replacements) {
    setAtPath(copy, path, value);
  }
  return copy;
}

/** What "Show Request Body" displays: the body to be sent, each local file as a visible placeholder. */
export function bodyWithUploadPlaceholders(body: Record<string, unknown>, refs: readonly MediaRef[]): Record<string, unknown> {
  return replaceAtPaths(
    body,
    refs.filter(r => r.isLocal).map(r => ({ path: r.path, value: `<uploaded to fal storage on submit: ${r.value}>` })),
  );
}
