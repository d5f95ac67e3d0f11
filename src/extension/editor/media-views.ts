import * as vscode from 'vscode';
import * as path from 'node:path';
import type { MediaRef } from '../../core';
import type { MediaView } from '../../shared/messages';

/** Local paths are written relative to the shot file (or absolute); URLs have a scheme. */
export function resolveMediaUri(shotUri: vscode.Uri, value: string): vscode.Uri {
  if (path.isAbsolute(value)) {
    return shotUri.with({ path: vscode.Uri.file(value).path });
  }
  return vscode.Uri.joinPath(shotUri, '..', value);
}

/**
 * What the webview may load for each media value. Local files are offered only inside a workspace
 * folder, which is also all that localResourceRoots serves; anything else gets a reason instead.
 * A missing file still gets a src: the webview shows the broken card, the media check says why.
 */
export function mediaViews(webview: vscode.Webview, shotUri: vscode.Uri, refs: readonly MediaRef[]): MediaView[] {
  const seen = new Set<string>();
  const out: MediaView[] = [];
  for (const ref of refs) {
    const key = `${ref.kind}:${ref.value}`;
    if (seen.has(key) || ref.value === '') {
      continue;
    }
    seen.add(key);
    if (!ref.isLocal) {
      out.push(
        /^https:/i.test(ref.value)
          ? { value: ref.value, kind: ref.kind, src: ref.value }
          : { value: ref.value, kind: ref.kind, problem: 'Only https: URLs or local paths can be previewed.' },
      );
      continue;
    }
    const uri = resolveMediaUri(shotUri, ref.value);
    if (!vscode.workspace.getWorkspaceFolder(uri)) {
      out.push({ value: ref.value, kind: ref.kind, problem: 'Outside the workspace folders: not previewed.' });
      continue;
    }
    out.push({ value: ref.value, kind: ref.kind, src: webview.asWebviewUri(uri).toString() });
  }
  return out;
}

/** The webview may read the workspace folders (thumbnails) and our own bundles, nothing else. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), ...(vscode.workspace.workspaceFolders ?? []).map(f => f.uri)];
}
