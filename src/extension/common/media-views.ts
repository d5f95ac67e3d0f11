import * as vscode from 'vscode';
import * as path from 'node:path';
import type { MediaRef } from '../../core';
import type { MediaView } from '../../shared/messages';
import { boundaryProblem, REMOTE_BLOCKED_TEXT, type BoundaryCache } from './media-boundary';

/** Local paths are written relative to the shot file (or absolute); URLs have a scheme. */
export function resolveMediaUri(shotUri: vscode.Uri, value: string): vscode.Uri {
  if (path.isAbsolute(value)) {
    return shotUri.with({ path: vscode.Uri.file(value).path });
  }
  return vscode.Uri.joinPath(shotUri, '..', value);
}

export interface MediaViewPolicy {
  /** Why remote thumbnails are not loaded now (Restricted Mode, the setting), or undefined. */
  remoteBlocked: 'untrusted' | 'setting' | undefined;
  /** Real-path answers of the workspace boundary for local files. */
  boundary: BoundaryCache;
}

/**
 * What the webview may load for each media value. Local files are offered only when their real
 * path (every link followed) is inside a workspace folder, which is also all localResourceRoots
 * serves; remote https: images only when the policy allows a request to their server. Anything
 * else gets a reason instead. A missing file still gets a src: the webview shows the broken card,
 * the media check says why.
 */
export function mediaViews(webview: vscode.Webview, shotUri: vscode.Uri, refs: readonly MediaRef[], policy: MediaViewPolicy): MediaView[] {
  const seen = new Set<string>();
  const out: MediaView[] = [];
  for (const ref of refs) {
    const key = `${ref.kind}:${ref.value}`;
    if (seen.has(key) || ref.value === '') {
      continue;
    }
    seen.add(key);
    if (!ref.isLocal) {
      if (!/^https:/i.test(ref.value)) {
        out.push({ value: ref.value, kind: ref.kind, problem: vscode.l10n.t('Only https: URLs or local paths can be previewed.') });
      } else if (policy.remoteBlocked) {
        out.push({
          value: ref.value,
          kind: ref.kind,
          remoteBlocked: policy.remoteBlocked,
          problem: REMOTE_BLOCKED_TEXT[policy.remoteBlocked](),
        });
      } else {
        out.push({ value: ref.value, kind: ref.kind, src: ref.value });
      }
      continue;
    }
    const uri = resolveMediaUri(shotUri, ref.value);
    if (!vscode.workspace.getWorkspaceFolder(uri)) {
      out.push({ value: ref.value, kind: ref.kind, problem: vscode.l10n.t('Outside the workspace folders: not previewed.') });
      continue;
    }
    if (uri.scheme === 'file') {
      const check = policy.boundary.get(uri.fsPath);
      if (!check) {
        // The first real-path check is still running; the answer arrives with the next document.
        out.push({ value: ref.value, kind: ref.kind, problem: vscode.l10n.t('Checking…') });
        continue;
      }
      const problem = boundaryProblem(check);
      if (problem) {
        out.push({ value: ref.value, kind: ref.kind, problem });
        continue;
      }
    }
    out.push({ value: ref.value, kind: ref.kind, src: webview.asWebviewUri(uri).toString() });
  }
  return out;
}

/** Where a page may show media from besides our own bundles (the webview host adds those): the workspace folders. */
export function mediaRoots(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).map(f => f.uri);
}
