import * as vscode from 'vscode';
import { TakesPanelState } from '../../shared/takes-messages';
import { Disposable } from '../dispose';
import { getSetting } from '../settings/settings';
import type { JobControl } from '../common/jobs';
import type { Prompts } from '../common/prompts';
import type { Log } from '../log';
import { openWebviewPanel, restoredState } from '../webview/webview-host';
import { TakesPanel } from './takes-panel';
import { TAKES_VIEW_TYPE } from '../common/takes-ids';
import type { TakeChanges } from '../common/take-changes';

/**
 * How many times in a row a blank takes page is put in a new panel before it is only written again:
 * a minute at WebviewHost's 10 s, past the browser's own stall (a reload that cut off a webview's
 * file request holds every new service worker back until that request times out, 30 s).
 */
const MAX_REPLACEMENTS = 6;

/**
 * Takes panels by shot file. An unpinned panel follows the shot file being worked on (one panel
 * for all shots, as a user expects); pinning keeps a panel on its shot, and another shot then gets
 * a panel of its own. Restored after a reload through the serializer (the webview stores the shot
 * uri with setState, and `onWebviewPanel:klingStudio.takes` activates us).
 */
export class TakesPanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, TakesPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: JobControl,
    private readonly log: Log,
    private readonly prompts: () => Prompts,
    private readonly takeChanges: TakeChanges,
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(TAKES_VIEW_TYPE, this));
    // Text editors report through onDidChangeActiveTextEditor; the shot editor (a custom editor) only as a tab.
    this.register(vscode.window.onDidChangeActiveTextEditor(e => e && this.follow(e.document.uri)));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.followActiveShot()));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.followActiveShot()));
    this.register(
      service.onDidFinish(({ job, record }) => {
        const panel = this.panels.get(job.shotUri.toString());
        if (record?.status === 'done') {
          const auto = getSetting('takes.openOnLand', job.shotUri);
          if (panel) {
            panel.reveal(record.id, true, true);
          } else if (auto) {
            this.open(job.shotUri, { select: record.id, preserveFocus: true, landed: true });
          }
        } else {
          // Not waited for: the panel's refresher logs what fails.
          void panel?.scheduleRefresh();
        }
      }),
    );
  }

  get(shotUri: vscode.Uri): TakesPanel | undefined {
    return this.panels.get(shotUri.toString());
  }

  open(shotUri: vscode.Uri, opts: { select?: string; preserveFocus?: boolean; landed?: boolean } = {}): TakesPanel {
    const existing = this.panels.get(shotUri.toString()) ?? this.unpinned();
    if (existing) {
      existing.retarget(shotUri);
      existing.reveal(opts.select, opts.preserveFocus, opts.landed);
      return existing;
    }
    const panel = openWebviewPanel(TAKES_VIEW_TYPE, vscode.l10n.t('Takes'), {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: !!opts.preserveFocus,
    });
    return this.adopt(panel, shotUri, opts.select, opts.landed);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = restoredState(panel, state, TakesPanelState, this.log, 'takes panel');
    if (!restored) {
      return;
    }
    const shotUri = vscode.Uri.parse(restored.shotUri);
    // The same shot may already have a panel (restored twice, or opened during startup).
    if (this.panels.has(shotUri.toString())) {
      panel.dispose();
      return;
    }
    this.adopt(panel, shotUri, restored.selected);
  }

  /**
   * Puts a panel's takes in a new panel where it was, and closes it: for a page that stays blank
   * (see WebviewHost's whenStuck). The shot, the pin and the take to select carry over; a panel made
   * this way that is blank again is replaced again, up to MAX_REPLACEMENTS times.
   */
  replace(old: TakesPanel, select?: string, times = 1): TakesPanel {
    const panel = openWebviewPanel(TAKES_VIEW_TYPE, old.panel.title, {
      viewColumn: old.panel.viewColumn ?? vscode.ViewColumn.Beside,
      // Where the user was on the blank panel, they are on the new one (and focus reaches its page once it is ready).
      preserveFocus: !old.panel.active,
    });
    const p = this.adopt(panel, old.shotUri, select, false, times);
    p.pinned = old.pinned;
    old.handOver(p);
    old.panel.dispose();
    return p;
  }

  private adopt(panel: vscode.WebviewPanel, shotUri: vscode.Uri, select: string | undefined, landed = false, replaced = 0): TakesPanel {
    const p = new TakesPanel(
      panel,
      shotUri,
      { extensionUri: this.extensionUri, service: this.service, log: this.log, prompts: this.prompts, takeChanges: this.takeChanges },
      select,
      landed,
    );
    this.panels.set(shotUri.toString(), p);
    if (replaced < MAX_REPLACEMENTS) {
      p.replaceWhenStuck = () => (this.replace(p, select, replaced + 1), true);
    }
    p.onDidRetarget(before => {
      if (this.panels.get(before.toString()) === p) {
        this.panels.delete(before.toString());
      }
      this.panels.set(p.shotUri.toString(), p);
    });
    p.onDidDispose(() => {
      if (this.panels.get(p.shotUri.toString()) === p) {
        this.panels.delete(p.shotUri.toString());
      }
    });
    // Not waited for: the panel's refresher logs what fails.
    void p.scheduleRefresh();
    return p;
  }

  private unpinned(): TakesPanel | undefined {
    return [...this.panels.values()].find(p => !p.pinned);
  }

  /** The active editor shows a shot file with no panel of its own: the unpinned panel moves to it. */
  private followActiveShot(): void {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) {
      this.follow(input.uri);
    }
  }

  private follow(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || !/\.kling\.json$/i.test(uri.path) || this.panels.has(uri.toString())) {
      return;
    }
    this.unpinned()?.retarget(uri);
  }

  override dispose(): void {
    for (const p of this.panels.values()) {
      p.dispose();
    }
    this.panels.clear();
    super.dispose();
  }
}
