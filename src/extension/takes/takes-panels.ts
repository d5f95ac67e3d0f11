import * as vscode from 'vscode';
import { TakesPanelState } from '../../shared/takes-messages';
import { Disposable } from '../dispose';
import type { GenerationService } from '../generation/generation-service';
import type { Prompts } from '../generation/prompts';
import type { Log } from '../log';
import { TAKES_VIEW_TYPE, TakesPanel } from './takes-panel';

/**
 * One takes panel per shot file; restored after a reload through the serializer (the webview
 * stores the shot uri with setState, and `onWebviewPanel:klingStudio.takes` activates us).
 */
export class TakesPanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, TakesPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: GenerationService,
    private readonly log: Log,
    private readonly prompts: () => Prompts,
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(TAKES_VIEW_TYPE, this));
    this.register(
      service.onDidFinish(({ job, record }) => {
        const panel = this.panels.get(job.shotUri.toString());
        if (record?.status === 'done') {
          const auto = vscode.workspace.getConfiguration('klingStudio', job.shotUri).get<boolean>('takes.openOnLand') ?? true;
          if (panel) {
            panel.reveal(record.id, true, true);
          } else if (auto) {
            this.open(job.shotUri, { select: record.id, preserveFocus: true, landed: true });
          }
        } else {
          void panel?.scheduleRefresh();
        }
      }),
    );
  }

  get(shotUri: vscode.Uri): TakesPanel | undefined {
    return this.panels.get(shotUri.toString());
  }

  open(shotUri: vscode.Uri, opts: { select?: string; preserveFocus?: boolean; landed?: boolean } = {}): TakesPanel {
    const existing = this.panels.get(shotUri.toString());
    if (existing) {
      existing.reveal(opts.select, opts.preserveFocus, opts.landed);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      TAKES_VIEW_TYPE,
      'Takes',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !!opts.preserveFocus },
      { enableScripts: true, enableForms: false, retainContextWhenHidden: true },
    );
    return this.adopt(panel, shotUri, opts.select, opts.landed);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = TakesPanelState.safeParse(state);
    if (!parsed.success) {
      this.log.warn('takes panel: no usable state to restore; closing it');
      panel.dispose();
      return;
    }
    const shotUri = vscode.Uri.parse(parsed.data.shotUri);
    // The same shot may already have a panel (restored twice, or opened during startup).
    if (this.panels.has(shotUri.toString())) {
      panel.dispose();
      return;
    }
    this.adopt(panel, shotUri, parsed.data.selected);
  }

  private adopt(panel: vscode.WebviewPanel, shotUri: vscode.Uri, select: string | undefined, landed = false): TakesPanel {
    const p = new TakesPanel(
      panel,
      shotUri,
      { extensionUri: this.extensionUri, service: this.service, log: this.log, prompts: this.prompts },
      select,
      landed,
    );
    const key = shotUri.toString();
    this.panels.set(key, p);
    p.onDidDispose(() => {
      if (this.panels.get(key) === p) {
        this.panels.delete(key);
      }
    });
    void p.scheduleRefresh();
    return p;
  }

  override dispose(): void {
    for (const p of this.panels.values()) {
      p.dispose();
    }
    this.panels.clear();
    super.dispose();
  }
}
