import * as path from 'node:path';
import * as vscode from 'vscode';
import { reportSequence, type SequenceReport } from '../../takes/sequence-takes';
import type { TakeChanges } from '../common/take-changes';
import { outputDirOf, readRootsFor } from '../common/take-index';
import { Disposable } from '../dispose';
import { onDidChangeSetting } from '../settings/settings';

interface Tracked {
  readonly uri: vscode.Uri;
  /** The reading of one text version, while nothing it read has changed. */
  current: { version: number; report: Promise<SequenceReport> } | undefined;
  /** What the last reading read (output folders, shot files, pinned takes), followed for changes. */
  readonly follows: Map<string, vscode.Disposable>;
  shots: ReadonlySet<string>;
}

/**
 * What a sequence resolves to on disk (`reportSequence`: its shots, takes and circles), read once per
 * text version and change of what it read, and shared by its Problems and every editor open on it.
 * A take, circle or shot file it read changing (TakeChanges), a take of one of its shots changing in
 * this window, the output folder setting or the workspace folders drop the reading and fire
 * `onDidChange`, after which the next `report` reads the disk again.
 */
export class SequenceReports extends Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** What the sequence resolves to may have changed: ask for its report again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly takeChanges: TakeChanges) {
    super();
    this.register(
      takeChanges.onDidChange(shot => {
        const file = path.resolve(shot.fsPath);
        this.tracked.forEach(t => (t.current === undefined || t.shots.has(file)) && this.drop(t));
      }),
    );
    this.register(onDidChangeSetting('output.folder', () => this.dropAll()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.dropAll()));
    this.register(vscode.workspace.onDidCloseTextDocument(doc => this.forget(doc.uri)));
    this.register({ dispose: () => [...this.tracked.values()].forEach(t => this.forget(t.uri)) });
  }

  /** The document's sequence as the disk resolves it now; one reading per text version and change. */
  report(doc: vscode.TextDocument): Promise<SequenceReport> {
    const key = doc.uri.toString();
    let t = this.tracked.get(key);
    if (!t) {
      t = { uri: doc.uri, current: undefined, follows: new Map(), shots: new Set() };
      this.tracked.set(key, t);
    }
    if (t.current?.version === doc.version) {
      return t.current.report;
    }
    const report = reportSequence(doc.uri.fsPath, doc.getText(), { outputDirOf, roots: readRootsFor(doc.uri.fsPath) });
    const current = { version: doc.version, report };
    t.current = current;
    const tracked = t;
    void report.then(
      r => tracked.current === current && !this.isDisposed && this.follow(tracked, r),
      () => tracked.current === current && (tracked.current = undefined),
    );
    return report;
  }

  private drop(t: Tracked): void {
    t.current = undefined;
    this.changed.fire(t.uri);
  }

  private dropAll(): void {
    this.tracked.forEach(t => this.drop(t));
  }

  private forget(uri: vscode.Uri): void {
    const t = this.tracked.get(uri.toString());
    if (!t) return;
    t.follows.forEach(d => d.dispose());
    this.tracked.delete(uri.toString());
  }

  /** Follows what a reading read: each shot's output folder and file, and the folder of a pinned take. */
  private follow(t: Tracked, report: SequenceReport): void {
    const wanted = new Map<string, () => vscode.Disposable>();
    const drop = () => this.tracked.get(t.uri.toString()) === t && this.drop(t);
    const base = path.dirname(t.uri.fsPath);
    for (const e of report.entries) {
      const out = outputDirOf(e.shotPath);
      wanted.set(`out:${out}`, () => this.takeChanges.onOutputChange(e.shotPath, out, drop));
      wanted.set(`shot:${e.shotPath}`, () => this.takeChanges.onShotChange(e.shotPath, drop));
      if (e.entry.take !== undefined) {
        const pinned = path.dirname(path.resolve(base, e.entry.take));
        wanted.set(`out:${pinned}`, () => this.takeChanges.onOutputChange(e.shotPath, pinned, drop));
      }
    }
    for (const [key, d] of t.follows) {
      if (!wanted.has(key)) {
        d.dispose();
        t.follows.delete(key);
      }
    }
    for (const [key, start] of wanted) {
      if (!t.follows.has(key)) t.follows.set(key, start());
    }
    t.shots = new Set(report.entries.map(e => path.resolve(e.shotPath)));
  }
}
