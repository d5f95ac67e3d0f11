import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { diffRequests } from '../../core';
import { FromCompare, type ToCompare } from '../../shared/compare-messages';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { openWebviewPanel, WebviewHost } from '../webview/webview-host';
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
  private readonly host: WebviewHost<FromCompare, ToCompare>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: Log,
    private readonly a: TakeEntry,
    private readonly b: TakeEntry,
  ) {
    super();
    this.host = this.register(
      new WebviewHost<FromCompare, ToCompare>(
        panel,
        {
          extensionUri,
          log,
          name: 'compare view',
          script: 'compare.main.js',
          title: vscode.l10n.t('Compare Takes'),
          incoming: FromCompare,
          // Only the two clips' folders are readable from the webview.
          roots: () => [...new Set([dirname(a.path), dirname(b.path)])].map(d => vscode.Uri.file(d)),
        },
        () => this.send(),
      ),
    );
    this.register(this.host.onDidDispose(() => this.dispose()));
  }

  static open(extensionUri: vscode.Uri, log: Log, a: TakeEntry, b: TakeEntry): ComparePanel {
    const panel = openWebviewPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare Takes'), { viewColumn: vscode.ViewColumn.Active });
    return new ComparePanel(panel, extensionUri, log, a, b);
  }

  private async send(): Promise<void> {
    const msg: ToCompare = {
      type: 'compare',
      a: await this.side(this.a),
      b: await this.side(this.b),
      diff: diffRequests(this.a.record, this.b.record),
    };
    this.lastMessage = msg;
    await this.host.post(msg);
  }

  private async side(e: TakeEntry): Promise<ToCompare['a']> {
    const label = vscode.l10n.t('Take from {0}', new Date(e.record.createdAt).toLocaleString());
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
      clipSrc: clipWebviewSrc(this.host.webview, clip, checked),
    };
  }
}
