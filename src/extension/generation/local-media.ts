// Pure (no vscode): unit-tested in test/unit/generation.
import { dirname, resolve } from 'node:path';
import { setAtPath } from '../../client';
import { checkInside, realRoots } from '../../takes';
import type { JsonPath, MediaRef } from '../../core';
import * as l10n from '@vscode/l10n';

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
    super(l10n.t('{0} resolves to {1}, outside the workspace: only files inside the workspace are uploaded.', value, realPath));
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
  const roots = await mediaRootsFor(shotFsPath, workspaceFolders);
  const out: LocalMedia[] = [];
  for (const ref of refs) {
    if (!ref.isLocal) {
      continue;
    }
    const absPath = resolve(dirname(shotFsPath), ref.value);
    const checked = await checkInside(absPath, roots);
    if (!checked.inside) {
      if (checked.reason === 'missing') {
        throw Object.assign(new Error(l10n.t('ENOENT: {0} does not exist ({1})', ref.value, absPath)), { code: 'ENOENT' });
      }
      throw new MediaOutsideWorkspaceError(ref.value, checked.realPath);
    }
    out.push({ ref, absPath, realPath: checked.realPath });
  }
  return out;
}

/** The folders uploads must stay inside: the workspace folders, else the shot's own folder (real paths). */
export function mediaRootsFor(shotFsPath: string, workspaceFolders: readonly string[]): Promise<string[]> {
  return realRoots(workspaceFolders.length ? workspaceFolders : [dirname(shotFsPath)]);
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
    refs.filter(r => r.isLocal).map(r => ({ path: r.path, value: l10n.t('<uploaded to fal storage on submit: {0}>', r.value) })),
  );
}
