import * as vscode from 'vscode';
import type { JsonValue, ShotIntent } from '../../core/edit';
import { FromWebview, type ToWebview } from '../../shared/messages';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { AnalysisSource } from './analysis-source';
import { workspaceRoots } from '../common/take-index';
import { documentMessage } from './document-message';
import { DocumentEdits } from './document-edits';
import { EditQueue, TYPING_PAUSE_MS } from '../common/edit-queue';
import { BoundaryCache, remoteBlocked } from '../common/media-boundary';
import { getSetting, onDidChangeSetting } from '../settings/settings';
import { mediaRoots } from '../common/media-views';
import { pickMediaPath, type PickedKind } from '../common/media-picker';
import { setupMessage } from './setup-message';
import { PageSync } from '../webview/page-sync';
import { keepTyping } from './keep-typing';
import { WebviewHost } from '../webview/webview-host';
import { CircledTakeFeed } from './circled-take';
import type { TakeChanges } from '../common/take-changes';

/**
 * One open shot editor: keeps the webview in step with the TextDocument (the only model) and turns
 * the webview's intents into minimal WorkspaceEdits, one at a time.
 */
export class ShotEditorSession extends Disposable {
  private lastSent: { version: number; ackSeq: number; mediaChecked: boolean } | undefined;
  /** What the webview was last told: the in-host tests compare it with the Problems panel and the code actions. */
  lastPosted: { version: number; diagnostics: number; fixes: string[] } | undefined;
  /** The page has said it is up ("ready"): the in-host tests wait for it before holding typing. */
  pageReady = false;
  private readonly edits: DocumentEdits;
  private readonly queue: EditQueue;
  private readonly readOnly: boolean;
  /** Real-path answers for local media; a new or changed answer is shown at once. */
  // (While intents are queued the drain sends anyway: the webview never sees half a burst.)
  private readonly boundary = new BoundaryCache(workspaceRoots, () => {
    if (!this.queue.busy) {
      this.send(true);
    }
  });
  /** "Load remote previews" was pressed in this editor. */
  private remoteLoadedByUser = false;
  /** The shot's circled take, followed through its output folder. */
  readonly circledTake: CircledTakeFeed;
  private readonly host: WebviewHost<FromWebview, ToWebview>;
  private readonly pageSync: PageSync;

  constructor(
    private readonly document: vscode.TextDocument,
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly analyses: AnalysisSource,
    private readonly log: Log,
    takeChanges: TakeChanges,
    pauseMs = TYPING_PAUSE_MS,
  ) {
    super();
    this.host = this.register(
      new WebviewHost<FromWebview, ToWebview>(
        panel,
        {
          extensionUri,
          log,
          name: 'shot editor',
          script: 'shot-editor.main.js',
          title: vscode.l10n.t('Kling Shot Editor'),
          incoming: FromWebview,
          roots: mediaRoots,
          // https: images only while remote previews are allowed, so a file opened in Restricted Mode
          // cannot make the webview contact a server even if a src slipped through.
          remoteImages: () => this.remoteBlocked() === undefined,
        },
        msg => this.receive(msg),
      ),
    );
    this.register(this.host.onDidDispose(() => this.dispose()));
    this.register({ dispose: () => this.boundary.dispose() });
    this.readOnly = vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
    this.edits = new DocumentEdits(document, log, msg => this.post(msg));
    // Prompt typing is held until a pause (one undo step per pause). Held text is applied before any
    // other intent or message, on blur, on a change from outside, before a save, before a command
    // reads the file, and when the editor closes: nothing typed is ever left behind.
    this.queue = new EditQueue(
      job => this.edits.apply(job),
      () => this.send(),
      pauseMs,
    );
    // Closing the editor mid-word must not lose the word: held typing goes into the document.
    this.register({ dispose: () => this.queue.release() });
    this.pageSync = this.register(
      new PageSync(
        msg => this.host.post(msg),
        () => this.host.isReady,
      ),
    );
    this.register(keepTyping(document, this.queue, this.edits, this.pageSync));
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document !== this.document || e.contentChanges.length === 0 || this.edits.applying) {
          return;
        }
        this.edits.changeArrived();
        // Typing held meanwhile goes in on top of that change (as the next keystroke would have), so
        // it can neither be lost nor wait behind text the user did not type here.
        this.queue.release();
        // Someone else changed the file (a text editor, undo, a file on disk): show it. While our own
        // queue is busy the send happens when it drains, so the webview never sees half a burst.
        if (!this.queue.busy) {
          this.send();
        }
      }),
    );
    this.register(
      analyses.onDidChange(state => {
        // Media checks finished (or fal errors arrived) for the version on screen: resend diagnostics.
        if (state.uri.toString() === document.uri.toString() && state.version === document.version && !this.queue.busy) {
          this.send();
        }
      }),
    );
    // In this order: a new policy reloads the page before the state that follows it is sent.
    this.register(onDidChangeSetting('editor.remotePreviews', () => this.host.syncHtml()));
    this.register(onDidChangeSetting(['prices', 'editor.remotePreviews', 'provider'], () => this.send(true)));
    this.register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.host.syncHtml();
        this.send(true);
      }),
    );
    this.register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.host.syncRoots();
        this.send(true);
      }),
    );
    this.circledTake = this.register(new CircledTakeFeed(document.uri, panel.webview, msg => this.post(msg), log, takeChanges));
  }

  /** The panel was closed (the provider forgets the session). */
  get onDidDispose(): vscode.Event<void> {
    return this.host.onDidDispose;
  }

  /** Why remote thumbnails may not be fetched now (undefined: they may). */
  private remoteBlocked(): 'untrusted' | 'setting' | undefined {
    return remoteBlocked(getSetting('editor.remotePreviews'), vscode.workspace.isTrusted, this.remoteLoadedByUser);
  }

  /** Wait for every queued intent (tests, and undo routed while edits are in flight). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** Queue intents as a burst of webview messages would arrive, without waiting (in-host tests). */
  pushForTest(intents: readonly ShotIntent[]): void {
    for (const intent of intents) {
      this.queue.push({ seq: ++this.testSeq, intent });
    }
  }

  private testSeq = 1_000_000;

  /** Apply an intent as if the webview had sent it (the in-host tests use this). */
  enqueue(intent: ShotIntent, seq = this.edits.ackSeq + 1): Promise<void> {
    this.queue.push({ seq, intent });
    return this.queue.whenIdle();
  }

  /** Not waited for: posting never rejects, and a page that was not listening yet is sent its state on `ready`. */
  private post(msg: ToWebview): void {
    void this.host.post(msg);
  }

  private send(force = false): void {
    // analyses.get() may analyse this version now and announce it synchronously, which lands back
    // here through onDidChange: the outer call sends that same state, so the inner one stays quiet.
    if (this.sending || this.isDisposed) {
      return;
    }
    this.sending = true;
    try {
      this.sendNow(force);
    } finally {
      this.sending = false;
    }
  }

  private sending = false;

  private sendNow(force: boolean): void {
    const state = this.analyses.get(this.document);
    const last = this.lastSent;
    if (
      !force &&
      last &&
      last.version === this.document.version &&
      last.ackSeq === this.edits.ackSeq &&
      last.mediaChecked === state.mediaChecked
    ) {
      return;
    }
    this.lastSent = { version: this.document.version, ackSeq: this.edits.ackSeq, mediaChecked: state.mediaChecked };
    const msg = documentMessage(this.document, state, this.host.webview, {
      ackSeq: this.edits.ackSeq,
      readOnly: this.readOnly,
      remoteBlocked: this.remoteBlocked(),
      boundary: this.boundary,
      onCostProbed: () => this.send(true),
    });
    this.lastPosted = {
      version: msg.version,
      diagnostics: msg.diagnostics.length,
      fixes: msg.diagnostics.flatMap(d => (d.fixes ?? []).map(f => `${d.code}: ${f.title}`)),
    };
    this.post(msg);
  }

  /** A message from the page, checked by the host; what it starts is returned, so the host logs a failure. */
  private receive(msg: FromWebview): Promise<void> | undefined {
    if (msg.type !== 'intent' && msg.type !== 'painted' && msg.type !== 'synced') {
      // Every other message acts on the document as typed so far (and may acknowledge later seqs).
      this.queue.release();
    }
    switch (msg.type) {
      case 'flush':
        break;
      case 'synced':
        this.pageSync.answered(msg.id);
        break;
      case 'ready':
        this.pageReady = true;
        this.post(setupMessage());
        // A restored webview already shows `version`; resend only if the document moved on.
        this.lastSent = undefined;
        if (msg.version === this.document.version) {
          this.lastSent = { version: msg.version, ackSeq: this.edits.ackSeq, mediaChecked: false };
        }
        this.send();
        // Not waited for: the feed logs what it cannot read.
        void this.circledTake.refresh();
        break;
      case 'intent':
        if (this.readOnly) {
          this.post({ type: 'intentFailed', seq: msg.seq, message: vscode.l10n.t('This file is read-only.') });
          break;
        }
        this.queue.push({ seq: msg.seq, intent: msg.intent, focus: msg.focus });
        break;
      case 'pickMedia':
        return this.pickMedia(msg.seq, msg.kind, msg.target, msg.wrap);
      case 'reopenAsText':
        return this.execute('klingStudio.reopenAsText', this.document.uri);
      case 'revealRange':
        return this.reveal(msg.range);
      case 'generate':
        return this.afterEdits('klingStudio.generate');
      case 'loadRemotePreviews':
        this.remoteLoadedByUser = true;
        this.host.syncHtml();
        this.send(true);
        break;
      case 'run':
        return this.afterEdits(`klingStudio.${msg.command}`);
      case 'openTakes':
        return this.execute('klingStudio.openTakes', this.document.uri, this.circledTake.last?.take?.id);
      case 'painted':
        this.log.debug(
          `shot editor: first paint of ${this.document.uri.path.split('/').pop()} v${msg.version} in ${Math.round(msg.ms)} ms`,
        );
        break;
    }
  }

  private async pickMedia(
    seq: number,
    kind: PickedKind,
    target: { path: (string | number)[]; insertAt?: number },
    wrap?: 'element',
  ): Promise<void> {
    const rel = await pickMediaPath(this.document.uri, kind);
    if (rel === undefined) {
      this.edits.acknowledge(seq);
      this.send(true);
      return;
    }
    const value: JsonValue = wrap === 'element' ? { [kind === 'video' ? 'video_url' : 'frontal_image_url']: rel } : rel;
    const intent: ShotIntent =
      target.insertAt === undefined
        ? { kind: 'set', path: target.path, value }
        : { kind: 'insert', path: target.path, index: target.insertAt, value };
    this.queue.push({ seq, intent });
  }

  private async reveal(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    await vscode.window.showTextDocument(this.document, { selection: range, viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  private async execute(command: string, ...args: unknown[]): Promise<void> {
    await vscode.commands.executeCommand(command, ...args);
  }

  /** Editor buttons for commands that read the file: pending edits land first. */
  private async afterEdits(command: string): Promise<void> {
    await this.queue.whenIdle();
    await this.execute(command, this.document.uri);
  }
}
