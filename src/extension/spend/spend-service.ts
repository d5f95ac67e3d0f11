import * as vscode from 'vscode';
import { MAX_SEQUENCE_BYTES, readSpendRecords, readTextInside } from '../../takes';
import { computeLedger, scopeLedgers, periodStarts, sequenceShotFiles, sequenceSpend, type Ledger, type SequenceSpend } from '../../core';
import type { TakeChanges } from '../common/take-changes';
import { Disposable } from '../dispose';
import { onDidChangeSetting } from '../settings/settings';
import type { Log } from '../log';
import { readRootsFor, workspaceTakeFolders } from '../common/take-index';

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
 * The workspace's spend, summed from the take records below its folders and the absolute output
 * folders they name (no other bookkeeping). Recomputed when a record is created, changed or deleted;
 * `refresh()` gives a fresh one (the budget check uses it so a take that just landed is counted).
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

  /** Absolute output folders outside the workspace folders, followed for records changing there. */
  private readonly outside = new Map<string, vscode.Disposable>();

  constructor(
    private readonly log: Log,
    private readonly takeChanges: TakeChanges,
  ) {
    super();
    const soon = () => this.schedule();
    // Take records make the spend; sequence files group it.
    this.register(takeChanges.onDidChangeFile(({ uri }) => /\.(take|kling-seq)\.json$/.test(uri.path) && soon()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(soon));
    this.register(onDidChangeSetting('output.folder', soon));
    this.register({
      dispose: () => {
        clearTimeout(this.timer);
        clearTimeout(this.midnight);
        this.outside.forEach(d => d.dispose());
      },
    });
    void this.refresh();
  }

  get current(): Ledger | undefined {
    return this.ledger;
  }

  /**
   * The spend of one workspace folder (absolute path) as its budgets are checked: the records below
   * it and below the absolute output folder it names, as of the last sum. undefined: not a workspace
   * folder (or not summed yet).
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
    // Each workspace folder's takes, those in an absolute output folder it names elsewhere included.
    const scopes = workspaceTakeFolders();
    const folders = [...new Set(scopes.flatMap(s => s.folders))];
    this.followOutputFolders(scopes.flatMap(s => s.folders.slice(1)));
    // Through the boundary, inside the workspace folders (Restricted Mode too): a record symlinked elsewhere, a FIFO or a device is reported, never read.
    const { records, unreadable } = await readSpendRecords(folders, { roots: readRootsFor() });
    for (const u of unreadable) this.log.debug(`spend: skipped ${u.path} (${u.reason})`);
    const now = new Date();
    const periods = periodStarts(now);
    const ledger = computeLedger(
      records.map(r => r.record),
      periods,
    );
    const folderLedgers = scopeLedgers(records, scopes, periods);
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

  private followOutputFolders(wanted: readonly string[]): void {
    if (this.isDisposed) return;
    for (const [folder, d] of this.outside) {
      if (!wanted.includes(folder)) {
        d.dispose();
        this.outside.delete(folder);
      }
    }
    for (const folder of wanted) {
      if (!this.outside.has(folder))
        this.outside.set(
          folder,
          this.takeChanges.onFolderChange(folder, () => this.schedule()),
        );
    }
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
