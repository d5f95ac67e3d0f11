import * as vscode from 'vscode';
import { checkMedia, createMediaCache, type ShotAnalysis, type ShotDiagnostic } from '../../core';
import { nodeFileAccess } from '../../media/node-files';

// One cache for the extension host's lifetime: core keys it by path + mtime + size, so an edited
// file is re-read and an unchanged one never is.
export const mediaCache = createMediaCache();

/** Local media are resolved against the shot file and must stay inside a workspace folder. */
export function checkMediaFor(uri: vscode.Uri, analysis: ShotAnalysis): Promise<ShotDiagnostic[]> {
  if (uri.scheme !== 'file' || analysis.mediaRefs.length === 0) {
    return Promise.resolve([]);
  }
  return checkMedia(analysis, {
    shotFilePath: uri.fsPath,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath),
    files: nodeFileAccess,
    cache: mediaCache,
  });
}
