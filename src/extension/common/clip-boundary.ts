// Pure (no vscode): unit-tested in test/unit/generation. Whether a take's clip may be played or
// read. A take record's clipPath names a file in its output folder, but that file can be a
// committed symlink to anything on the disk: the clip is followed to its real path, which must lie
// inside the roots (client/boundary.ts, the check validation and upload use). Every view that plays
// or reads a clip (takes panel, compare view, sequence editor) asks here.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as l10n from '@vscode/l10n';
import { checkInside, realRoots } from '../../takes/boundary';

export type ClipCheck =
  /** Play and read `realPath` (the file that was judged); mtime and size bust the webview's cache. */
  { kind: 'inside'; realPath: string; mtimeMs: number; size: number } | { kind: 'outside'; realPath: string } | { kind: 'missing' };

export async function checkClip(clip: string, roots: readonly string[]): Promise<ClipCheck> {
  const checked = await checkInside(clip, await realRoots(roots));
  if (!checked.inside) {
    return checked.reason === 'outside' ? { kind: 'outside', realPath: checked.realPath } : { kind: 'missing' };
  }
  const st = await stat(checked.realPath).catch(() => undefined);
  if (!st?.isFile()) {
    return { kind: 'missing' };
  }
  return { kind: 'inside', realPath: checked.realPath, mtimeMs: st.mtimeMs, size: st.size };
}

/** The problem line a view shows instead of a clip whose real path is outside the roots. */
export function clipOutsideText(clip: string): string {
  return l10n.t('The clip {0} points outside the workspace: it is neither played nor read.', basename(clip));
}
