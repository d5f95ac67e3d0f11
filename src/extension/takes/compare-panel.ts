import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { diffRequests } from '../../core';
import { FromCompare, type ToCompare } from '../../shared/compare-messages';
import { Disposable } from '../dispose';
import { webviewHtml } from '../webview-html';
import { checkClip, clipOutsideText } from '../common/clip-boundary';
import { clipWebviewSrc } from '../common/clip-src';
import { clipRootsFor, type TakeEntry } from '../common/take-index';

export const COMPARE_VIEW_TYPE = 'klingStudio.compareTakes';

/**
 * Two takes side by side: the clips play in step (the webview keeps them together) and what
 * differs between their requests is listed beside them. Read-only: it posts nothing but "ready".
 */
export class ComparePanel extends Disposable {
  /** Last message sent, for the in-host tests. */
  lastMessage: ToCompare | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly a: TakeEntry,
    private readonly b: TakeEntry,
  ) {
    super();
    // Only the two clips' folders and the script are readable from the webview.
    panel.webview.options = {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [
        ...new Set([dirname(a.path), dirname(b.path)].map(d => vscode.Uri.file(d))),
        vscode.Uri.joinPath(extensionUri, 'dist'),
      ],
    };
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      script: 'compare.main.js',
      title: vscode.l10n.t('Compare Takes'),
      remoteImages: false,
    });
    this.register(
      panel.webview.onDidReceiveMessage(raw => {
        if (FromCompare.safeParse(raw).success) {
          void this.send();
        }
      }),
    );
    this.register(panel.onDidDispose(() => this.dispose()));
  }

  static open(extensionUri: vscode.Uri, a: TakeEntry, b: TakeEntry): ComparePanel {
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      vscode.l10n.t('Compare Takes'),
      { viewColumn: vscode.ViewColumn.Active },
      { enableScripts: true, enableForms: false, retainContextWhenHidden: true },
    );
    return new ComparePanel(panel, extensionUri, a, b);
  }

  private async send(): Promise<void> {
    const msg: ToCompare = {
      type: 'compare',
      a: await this.side(this.a),
      b: await this.side(this.b),
      diff: diffRequests(this.a.record, this.b.record),
    };
    this.lastMessage = msg;
    if (!this.isDisposed) {
      await this.panel.webview.postMessage(msg);
    }
  }

  private async side(e: TakeEntry): Promise<ToCompare['a']> {
    const label = `Take from ${new Date(e.record.createdAt).toLocaleString()}`;
    const clip = e.record.status === 'done' ? e.record.clipPath : undefined;
    const checked = clip ? await checkClip(clip, clipRootsFor(e.record.shotFile ?? e.path)) : undefined;
    if (clip && checked?.kind === 'outside') {
      return { label, problem: clipOutsideText(clip) };
    }
    if (!clip || checked?.kind !== 'inside') {
      return { label };
    }
    return {
      label,
      clipSrc: clipWebviewSrc(this.panel.webview, clip, checked),
    };
  }
}
