import * as vscode from 'vscode';
import { collectMediaRefs, lookupEndpoint, type MediaRef } from '../../core';
import type { TakeRecord } from '../../takes';
import type { TakeMedia } from '../../shared/takes-messages';
import { workspaceRoots } from '../common/take-index';
import { BoundaryCache, remoteBlocked } from '../common/media-boundary';
import { getSetting } from '../settings/settings';
import { mediaViews } from '../common/media-views';

/**
 * Thumbnails of a take's media, by the shot editor's own rules: a local file only when its real path
 * is inside a workspace folder, an https: image (fal storage URLs included) only when
 * `klingStudio.editor.remotePreviews` allows a request to its server; anything else is named with
 * the reason it is not shown.
 */
export class TakeMediaViews implements vscode.Disposable {
  private readonly boundary: BoundaryCache;

  constructor(onChange: () => void) {
    this.boundary = new BoundaryCache(workspaceRoots, onChange);
  }

  /** Whether remote thumbnails may be fetched now: the page's CSP admits https: images only then. */
  remoteAllowed(): boolean {
    return this.blocked() === undefined;
  }

  private blocked(): 'untrusted' | 'setting' | undefined {
    return remoteBlocked(getSetting('editor.remotePreviews'), vscode.workspace.isTrusted, false);
  }

  views(webview: vscode.Webview, shotUri: vscode.Uri, rec: TakeRecord): TakeMedia[] {
    if (!lookupEndpoint(rec.endpointId)) {
      return [];
    }
    const refs = collectMediaRefs(rec.endpointId, rec.body).filter(r => r.value !== '');
    const shown = mediaViews(webview, shotUri, refs, { remoteBlocked: this.blocked(), boundary: this.boundary });
    return refs.map(ref => {
      const view = shown.find(v => v.value === ref.value && v.kind === ref.kind);
      const out: TakeMedia = { key: keyOf(ref), value: ref.value, kind: ref.kind };
      if (view?.src && ref.kind === 'video' && !ref.isLocal) {
        // The page plays media from the extension's own roots only: a remote video is named, not fetched.
        out.problem = vscode.l10n.t('Remote video: not previewed here.');
      } else if (view?.src) {
        out.src = view.src;
      } else {
        out.problem = view?.problem ?? vscode.l10n.t('No preview');
      }
      return out;
    });
  }

  dispose(): void {
    this.boundary.dispose();
  }
}

/** `['elements', 0, 'reference_image_urls', 1]` → `elements[0].reference_image_urls[1]`. */
function keyOf(ref: MediaRef): string {
  return ref.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
