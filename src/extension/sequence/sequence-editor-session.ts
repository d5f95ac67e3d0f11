import { OneAtATime } from '../one-at-a-time';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceEdit } from '../text-edits';
import type { SequenceReport } from '../../takes/sequence-takes';
import { appendSequenceEntries, isBlankJson, moveSequenceEntry, type Ledger, errorText } from '../../core';
import { FromSequence, type SequenceDocMessage, type ToSequence } from '../../shared/sequence-messages';
import { Disposable } from '../dispose';
import { EditQueue, type QueuedIntent } from '../common/edit-queue';
import { mediaRoots } from '../common/media-views';
import { checkClip, clipOutsideText } from '../common/clip-boundary';
import { clipWebviewSrc } from '../common/clip-src';
import { clipRootsFor } from '../common/take-index';
import type { Log } from '../log';
import { WebviewHost } from '../webview/webview-host';
import { newShot, pickShots } from './add-shots';
import type { SequenceReports } from './sequence-reports';
import { missingShots, sequenceView, type ClipAccess } from './sequence-view';
import { notificationText } from '../../core/ui-text';
import { PageSync } from '../webview/page-sync';

export interface MoveIntent {
  kind: 'move';
  from: number;
  to: number;
}

/** Shots to append, as the sequence names them (relative paths). */
export interface AddIntent {
  kind: 'add';
  shots: string[];
}

type SequenceIntent = MoveIntent | AddIntent;

export interface SequenceEditorDeps {
  extensionUri: vscode.Uri;
  log: Log;
  /** Shots (absolute paths) with a take being generated now. */
  runningShots: () => ReadonlySet<string>;
  /** Fires when a generation starts, moves on or ends. */
  onJobsChange: vscode.Event<unknown>;
  /** What the sequence resolves to on disk, read once for its Problems and every editor of it. */
  reports: SequenceReports;
  /** The workspace's spend, for the sequence's total; it changes when a take lands or a record changes. */
  spend?: { readonly current: Ledger | undefined; readonly onDidChange: vscode.Event<unknown> };
}

/**
 * One open sequence editor. The TextDocument is the only model: the webview draws what is sent
 * (the file's entries with the takes the disk resolves them to) and sends intents; a move or the
 * shots added become one minimal WorkspaceEdit (one undo step), applied through the shot editor's queue.
 */
export class SequenceEditorSession extends Disposable {
  /** What the webview was last sent (the in-host tests read it). */
  lastMessage: SequenceDocMessage | undefined;
  private readonly queue: EditQueue<SequenceIntent>;
  private readonly readOnly: boolean;
  private seq = 0;
  private readonly refresher = new OneAtATime(
    () => this.send(),
    e => this.deps.log.error(`sequence editor: ${errorText(e)}`),
    () => this.isDisposed,
  );
  private runningKey = '';
  /** Generate's outcome for "generateMissing" is what `receive` resolves with (the in-host tests read it). */
  private readonly host: WebviewHost<FromSequence, ToSequence, unknown>;
  private readonly pageSync: PageSync;

  constructor(
    private readonly document: vscode.TextDocument,
    panel: vscode.WebviewPanel,
    private readonly deps: SequenceEditorDeps,
  ) {
    super();
    this.readOnly = vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
    this.queue = new EditQueue<SequenceIntent>(
      job => this.applyEdit(job),
      () => undefined,
      0,
    );
    this.host = this.register(
      new WebviewHost<FromSequence, ToSequence, unknown>(
        panel,
        {
          extensionUri: deps.extensionUri,
          log: deps.log,
          name: 'sequence editor',
          script: 'sequence-editor.main.js',
          title: vscode.l10n.t('Kling Sequence Editor'),
          incoming: FromSequence,
          roots: mediaRoots,
        },
        msg => this.handle(msg),
      ),
    );
    this.register(this.host.onDidDispose(() => this.dispose()));
    // Alt+↑ then Ctrl+S at once: the key reaches VS Code before the page's move reaches us, so a
    // save first waits for the page's answer and for the edits it brought.
    this.pageSync = this.register(
      new PageSync(
        msg => this.host.post(msg),
        () => this.host.isReady,
      ),
    );
    this.register(
      vscode.workspace.onWillSaveTextDocument(e => {
        if (e.document === document) e.waitUntil(this.pageSync.request().then(() => this.queue.whenIdle()));
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === document && e.contentChanges.length > 0) void this.refresh();
      }),
    );
    // The reading follows the output folder setting and the workspace folders (and then says so).
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.host.syncRoots()));
    this.register(deps.reports.onDidChange(uri => uri.toString() === document.uri.toString() && void this.refresh()));
    if (deps.spend) this.register(deps.spend.onDidChange(() => void this.refresh()));
    // A job starting or ending changes what is "generating"; its progress in between does not.
    this.register(
      deps.onJobsChange(() => {
        if (this.runningKeyNow() !== this.runningKey) void this.refresh();
      }),
    );
  }

  /** The panel was closed (the provider forgets the session). */
  get onDidDispose(): vscode.Event<void> {
    return this.host.onDidDispose;
  }

  /** Handles one message from the webview (the in-host tests call it as the webview would). */
  receive(raw: unknown): Promise<unknown> {
    return this.host.receive(raw);
  }

  private async handle(msg: FromSequence): Promise<unknown> {
    switch (msg.type) {
      case 'synced':
        this.pageSync.answered(msg.id);
        break;
      case 'ready':
        this.lastMessage = undefined;
        await this.refresh();
        break;
      case 'move':
        await this.edit({ kind: 'move', from: msg.from, to: msg.to });
        break;
      case 'addShots':
      case 'newShot': {
        if (this.readOnly) return this.edit(undefined);
        const listed = new Set((await this.report()).entries.map(e => e.entry.shot));
        const shots = msg.type === 'addShots' ? await pickShots(this.document.uri, listed) : await newShot(this.document.uri);
        if (shots) await this.edit({ kind: 'add', shots });
        break;
      }
      case 'openShot':
        await this.openShot(msg.index);
        break;
      case 'exportCut':
        await this.queue.whenIdle();
        await vscode.commands.executeCommand('klingStudio.exportCut', this.document.uri);
        break;
      case 'generateMissing':
        return this.generateMissing();
      case 'reopenAsText':
        await vscode.commands.executeCommand('klingStudio.reopenAsText', this.document.uri);
        break;
    }
    return undefined;
  }

  /** Not waited for: posting never rejects, and a page that was not listening yet is sent the sequence on `ready`. */
  private post(msg: ToSequence): void {
    void this.host.post(msg);
  }

  /** One intent as one WorkspaceEdit (one undo step), after those before it; undefined: only say the file is read-only. */
  private async edit(intent: SequenceIntent | undefined): Promise<void> {
    if (this.readOnly || !intent) {
      this.post({ type: 'failed', message: vscode.l10n.t('This file is read-only.') });
      await this.refresh();
      return;
    }
    this.queue.push({ seq: ++this.seq, intent });
    await this.queue.whenIdle();
  }

  private async applyEdit(job: QueuedIntent<SequenceIntent>): Promise<void> {
    const text = this.document.getText();
    let edits;
    try {
      edits =
        job.intent.kind === 'move'
          ? moveSequenceEntry(text, job.intent.from, job.intent.to)
          : appendSequenceEntries(text, job.intent.shots);
    } catch (e) {
      // The file is not a sequence Add Shots can append to (its text is not an object): say why.
      this.post({ type: 'failed', message: errorText(e) });
      return;
    }
    if (edits.length === 0) {
      // Nothing to move (the file changed under the webview): show it the file as it is.
      await this.refresh();
      return;
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit(this.document, edits)))) {
      this.deps.log.warn(`sequence editor: VS Code refused the ${job.intent.kind === 'move' ? 'move' : 'added shots'}`);
      this.post({ type: 'failed', message: vscode.l10n.t('VS Code refused the edit (is the file read-only?).') });
      await this.refresh();
    }
  }

  private report(): Promise<SequenceReport> {
    return this.deps.reports.report(this.document);
  }

  /** Bursts (typing, file events) make one refresh at a time, always of the newest text. */
  refresh(): Promise<void> {
    return this.refresher.run();
  }

  private runningKeyNow(): string {
    return [...this.deps.runningShots()].sort().join('\n');
  }

  private async send(): Promise<void> {
    if (this.isDisposed) return;
    const version = this.document.version;
    this.runningKey = this.runningKeyNow();
    const running = this.deps.runningShots();
    const report = await this.report();
    const clips = new Map<string, ClipAccess>();
    for (const e of report.entries) {
      const clip = e.resolved?.take.clipPath;
      if (clip && !clips.has(clip)) clips.set(clip, await this.clipAccess(clip, e.shotPath));
    }
    if (this.isDisposed || version !== this.document.version) {
      // A newer edit came meanwhile: read again.
      this.refresher.runAgain();
      return;
    }
    const msg = sequenceView(report, {
      version,
      fileName: path.basename(this.document.uri.fsPath),
      readOnly: this.readOnly,
      clip: p => (p === undefined ? { problem: vscode.l10n.t('The take record names no clip.') } : (clips.get(p) ?? {})),
      generating: shot => running.has(shot),
      ledger: this.deps.spend?.current,
    });
    msg.blank = isBlankJson(this.document.getText());
    this.lastMessage = msg;
    this.post(msg);
  }

  /**
   * The webview may load a clip only when its real path is inside the workspace (the takes panel's
   * check); the query changes with the file, so a new take is not cached.
   */
  private async clipAccess(clip: string, shotPath: string): Promise<ClipAccess> {
    const checked = await checkClip(clip, clipRootsFor(shotPath));
    if (checked.kind === 'missing') return { problem: vscode.l10n.t('The clip file is missing.') };
    if (checked.kind === 'outside') return { problem: clipOutsideText(clip) };
    return { src: clipWebviewSrc(this.host.webview, clip, checked) };
  }

  private async openShot(index: number): Promise<void> {
    const report = await this.report();
    const e = report.entries.find(x => x.entry.index === index);
    if (!e) return;
    if (!e.facts.shotExists) {
      void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Shot file not found: {0}', e.entry.shot)));
      return;
    }
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(e.shotPath), { preview: false });
  }

  /**
   * One Generate for every shot without a done take: the generate command's batch path, so the
   * preflight, the one cost confirmation for the total and the budget check are Generate's own.
   */
  private async generateMissing(): Promise<unknown> {
    await this.queue.whenIdle();
    const running = this.deps.runningShots();
    const shots = missingShots(await this.report(), s => running.has(s)).map(s => vscode.Uri.file(s));
    if (shots.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every shot of this sequence has a take or is being generated.'));
      return undefined;
    }
    const outcome = await vscode.commands.executeCommand<unknown>('klingStudio.generate', shots[0], shots);
    await this.refresh();
    return outcome;
  }
}
