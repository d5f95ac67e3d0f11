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

/** What the compare view may do to the takes it shows: circle through the takes panel's own path. */
export interface CompareCircle {
  /** The record path of the shot's circled take, if any. */
  circled(): Promise<string | undefined>;
  circle(entry: TakeEntry, circled: boolean): Promise<void>;
}

/**
 * Two takes side by side: the clips play in step (the webview keeps them together) and what
 * differs between their requests is listed beside them. Each column can circle its take.
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
    private readonly circles?: CompareCircle,
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
        msg => this.handle(msg),
      ),
    );
    this.register(this.host.onDidDispose(() => this.dispose()));
  }

  static open(extensionUri: vscode.Uri, log: Log, a: TakeEntry, b: TakeEntry, circles?: CompareCircle): ComparePanel {
    const panel = openWebviewPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare Takes'), { viewColumn: vscode.ViewColumn.Active });
    return new ComparePanel(panel, extensionUri, log, a, b, circles);
  }

  /** A message from the webview (in-host tests post here what a click would): checked, then acted on. */
  receive(raw: unknown): Promise<void> {
    return this.host.receive(raw);
  }

  private async handle(msg: FromCompare): Promise<void> {
    if (msg.type === 'circle' && this.circles) {
      await this.circles.circle(msg.side === 'a' ? this.a : this.b, msg.circled);
    }
    await this.send();
  }

  private async send(): Promise<void> {
    const circled = await this.circles?.circled();
    const msg: ToCompare = {
      type: 'compare',
      a: await this.side(this.a, circled),
      b: await this.side(this.b, circled),
      diff: diffRequests(this.a.record, this.b.record),
    };
    this.lastMessage = msg;
    await this.host.post(msg);
  }

  private async side(e: TakeEntry, circledPath: string | undefined): Promise<ToCompare['a']> {
    const when = new Date(e.record.createdAt).toLocaleString();
    const label = e.number !== undefined ? vscode.l10n.t('Take #{0} · {1}', e.number, when) : vscode.l10n.t('Take from {0}', when);
    const circle = { circled: circledPath === e.path, canCircle: !!this.circles && e.record.status === 'done' };
    const clip = e.record.status === 'done' ? e.record.clipPath : undefined;
    const checked = clip ? await checkClip(clip, clipRootsFor(e.record.shotFile ?? e.path)) : undefined;
    if (clip && checked?.kind === 'outside') {
      return { label, ...circle, problem: clipOutsideText(clip) };
    }
    if (!clip || checked?.kind !== 'inside') {
      return { label, ...circle };
    }
    return {
      label,
      ...circle,
      clipSrc: clipWebviewSrc(this.host.webview, clip, checked),
    };
  }
}
