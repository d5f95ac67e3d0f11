import * as vscode from 'vscode';
import { isSequenceFile, errorText } from '../../core';
import { toVsDiagnostic } from '../analysis/convert';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { SequenceReports } from './sequence-reports';

/**
 * Problems for open `*.kling-seq.json` files. Their diagnostics depend on the disk too (shot files,
 * take records, selections): a take landing, a selection changing or a shot file appearing that a
 * sequence reads re-checks it, from the reading its editors share (SequenceReports).
 */
export class SequenceDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('kling-sequence'));
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires after a sequence's diagnostics were set (the in-host tests wait on it). */
  readonly onDidUpdate = this.changed.event;

  constructor(
    private readonly log: Log,
    private readonly reports: SequenceReports,
    private readonly debounceMs = 150,
  ) {
    super();
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
    this.register(vscode.workspace.onDidOpenTextDocument(doc => this.schedule(doc, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument(e => e.contentChanges.length && this.schedule(e.document, this.debounceMs)));
    this.register(
      vscode.workspace.onDidCloseTextDocument(doc => {
        clearTimeout(this.timers.get(doc.uri.toString()));
        this.timers.delete(doc.uri.toString());
        this.collection.delete(doc.uri);
      }),
    );
    this.register(
      reports.onDidChange(uri => {
        const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
        if (doc) this.schedule(doc, this.debounceMs);
      }),
    );
    this.register({ dispose: () => this.timers.forEach(clearTimeout) });
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.uri.scheme !== 'file' || !isSequenceFile(doc.uri.path)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.analyze(doc);
      }, delay),
    );
  }

  private async analyze(doc: vscode.TextDocument): Promise<void> {
    const version = doc.version;
    try {
      const report = await this.reports.report(doc);
      // A newer edit or a close while the disk was read: that result is stale.
      if (this.isDisposed || doc.isClosed || doc.version !== version) return;
      this.collection.set(doc.uri, report.diagnostics.map(toVsDiagnostic));
      this.changed.fire(doc.uri);
    } catch (err) {
      this.log.error(`Checking the sequence ${doc.uri.fsPath} failed: ${errorText(err)}`);
    }
  }
}
