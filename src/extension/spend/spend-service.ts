import * as vscode from 'vscode';
import { MAX_SEQUENCE_BYTES, readSpendRecords, readTextInside } from '../../takes';
import {
  computeLedger,
  ledgersByFolder,
  periodStarts,
  sequenceShotFiles,
  sequenceSpend,
  type Ledger,
  type SequenceSpend,
} from '../../core';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { readRootsFor } from '../common/take-index';

/** Record writes come in bursts (one per job step): sum once the burst is over. */
const SETTLE_MS = 300;
/** Sequence files looked at for the per-sequence rows (a workspace with more lists the first found). */
const SEQUENCES_MAX = 200;

export interface SequenceSpendEntry {
  /** Absolute path of the *.kling-seq.json file. */
  file: string;
  spend: SequenceSpend;
}

/**
 * The workspace's spend, summed from the take records below its folders (no other bookkeeping).
 * Recomputed when a record is created, changed or deleted; `refresh()` gives a fresh one (the
 * budget check uses it so a take that just landed is counted).
 */
export class SpendService extends Disposable {
  private ledger: Ledger | undefined;
  private folderLedgers = new Map<string, Ledger>();
  private sequenceList: SequenceSpendEntry[] = [];
  private running: Promise<Ledger> | undefined;
  private next: Promise<Ledger> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private midnight: NodeJS.Timeout | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<Ledger>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    const soon = () => this.schedule();
    // Take records make the spend; sequence files group it.
    for (const glob of ['**/*.take.json', '**/*.kling-seq.json']) {
      const watcher = this.register(vscode.workspace.createFileSystemWatcher(glob));
      this.register(watcher.onDidCreate(soon));
      this.register(watcher.onDidChange(soon));
      this.register(watcher.onDidDelete(soon));
    }
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(soon));
    this.register({
      dispose: () => {
        clearTimeout(this.timer);
        clearTimeout(this.midnight);
      },
    });
    void this.refresh();
  }

  get current(): Ledger | undefined {
    return this.ledger;
  }

  /**
   * The spend of the records below one workspace folder (absolute path), as of the last sum; each
   * record counts in its innermost folder. undefined: not a workspace folder.
   */
  folderLedger(folder: string): Ledger | undefined {
    return this.folderLedgers.get(folder);
  }

  /** The workspace's sequence files with what their shots cost, as of the last sum. */
  get sequences(): readonly SequenceSpendEntry[] {
    return this.sequenceList;
  }

  /**
   * Sums again. A call while a pass runs gets the next pass (started when this one ends), shared
   * by every caller meanwhile: records written during a pass are never missed, nor summed N times.
   */
  refresh(): Promise<Ledger> {
    if (this.running) {
      this.next ??= this.running.then(
        () => this.startPass(),
        () => this.startPass(),
      );
      return this.next;
    }
    return this.startPass();
  }

  private startPass(): Promise<Ledger> {
    this.next = undefined;
    const pass = this.compute().finally(() => {
      if (this.running === pass) this.running = undefined;
    });
    this.running = pass;
    return pass;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  private async compute(): Promise<Ledger> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
    // Through the boundary, inside the workspace folders (Restricted Mode too): a record symlinked elsewhere, a FIFO or a device is reported, never read.
    const { records, unreadable } = await readSpendRecords(folders, { roots: readRootsFor() });
    for (const u of unreadable) this.log.debug(`spend: skipped ${u.path} (${u.reason})`);
    const now = new Date();
    const periods = periodStarts(now);
    const ledger = computeLedger(
      records.map(r => r.record),
      periods,
    );
    const folderLedgers = ledgersByFolder(records, folders, periods);
    const sequences = await this.sequencesOf(ledger);
    // "Today" ends at midnight even when no record changes: sum again then.
    clearTimeout(this.midnight);
    if (!this.isDisposed) {
      const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime() + 1000;
      this.midnight = setTimeout(() => void this.refresh(), next);
    }
    this.ledger = ledger;
    this.folderLedgers = folderLedgers;
    this.sequenceList = sequences;
    if (!this.isDisposed) this.changed.fire(ledger);
    return ledger;
  }

  /** Each sequence file on disk (saved text) with the spend of the shots it lists. */
  private async sequencesOf(ledger: Ledger): Promise<SequenceSpendEntry[]> {
    const files = await vscode.workspace.findFiles('**/*.kling-seq.json', '**/{node_modules,.git,.trash}/**', SEQUENCES_MAX);
    const out: SequenceSpendEntry[] = [];
    const roots = readRootsFor();
    for (const uri of files) {
      if (uri.scheme !== 'file') continue;
      const text = await readTextInside(uri.fsPath, { roots, maxBytes: MAX_SEQUENCE_BYTES, kind: 'sequence file' }).catch(() => undefined);
      if (text === undefined) continue;
      out.push({ file: uri.fsPath, spend: sequenceSpend(ledger, sequenceShotFiles(uri.fsPath, text)) });
    }
    return out;
  }
}
