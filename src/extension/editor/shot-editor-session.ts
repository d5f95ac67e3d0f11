import * as vscode from 'vscode';
import { vscodeEdits, workspaceEdit } from '../text-edits';
import { applyIntent, EditError, type JsonValue, type ShotIntent } from '../../core/edit';
import { FromWebview, type DocumentMessage, type ToWebview } from '../../shared/messages';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { AnalysisSource } from './analysis-source';
import { configuredPrices, costView, workspaceRoots } from './cost-view';
import { EditQueue, TYPING_PAUSE_MS, type QueuedIntent } from './edit-queue';
import { BoundaryCache, remoteBlocked } from './media-boundary';
import { getSetting, onDidChangeSetting } from '../settings/settings';
import { localResourceRoots, mediaViews } from './media-views';
import { pickMediaPath } from './media-picker';
import { setupMessage } from './setup-message';
import { holdTyping } from './typing-holds';
import { webviewHtml } from '../webview-html';
import { readProviderConfig } from '../provider/provider-config';
import { CircledTakeFeed } from './circled-take';
import type { TakeChanges } from '../takes/take-changes';
import { errorText } from '../../core/error-text';

/**
 * One open shot editor: keeps the webview in step with the TextDocument (the only model) and turns
 * the webview's intents into minimal WorkspaceEdits, one at a time.
 */
export class ShotEditorSession extends Disposable {
  private lastSent: { version: number; ackSeq: number; mediaChecked: boolean } | undefined;
  /** What the webview was last told: the in-host tests compare it with the Problems panel. */
  lastPosted: { version: number; diagnostics: number } | undefined;
  /** The page has said it is up ("ready"): the in-host tests wait for it before holding typing. */
  pageReady = false;
  private ackSeq = 0;
  /** Typing a save wrote itself, acknowledged when its change arrives (see heldEdits). */
  private ackAfterSave: number | undefined;
  /** True while our own applyEdit runs: its change event is not echoed, the ack after it is sent. */
  private applying = false;
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
  /** Whether the page's CSP lets images come from https: (undefined before the first html). */
  private cspRemoteImages: boolean | undefined;
  /** The shot's circled take, followed through its output folder. */
  readonly circledTake: CircledTakeFeed;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly analyses: AnalysisSource,
    private readonly log: Log,
    takeChanges?: TakeChanges,
    pauseMs = TYPING_PAUSE_MS,
  ) {
    super();
    this.register({ dispose: () => this.boundary.dispose() });
    this.readOnly = vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
    // Prompt typing is held until a pause (one undo step per pause). Held text is applied before any
    // other intent or message, on blur, on a change from outside, before a save, before a command
    // reads the file, and when the editor closes: nothing typed is ever left behind.
    this.queue = new EditQueue(
      job => this.applyJob(job),
      () => this.send(),
      pauseMs,
    );
    // Closing the editor mid-word must not lose the word: held typing goes into the document.
    this.register({ dispose: () => this.queue.release() });
    this.register(holdTyping(document.uri, () => this.queue.whenIdle()));
    // A save while a word is held would write the file without it: the save writes it itself.
    this.register(
      vscode.workspace.onWillSaveTextDocument(e => {
        if (e.document !== this.document) {
          return;
        }
        const held = this.queue.takeHeld();
        if (held) {
          e.waitUntil(this.queue.whenIdle().then(() => this.heldEdits(held)));
        }
      }),
    );
    const webview = panel.webview;
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document !== this.document || e.contentChanges.length === 0 || this.applying) {
          return;
        }
        if (this.ackAfterSave !== undefined) {
          // The save's own edits (the typing it took over) are in the document now.
          this.ackSeq = Math.max(this.ackSeq, this.ackAfterSave);
          this.ackAfterSave = undefined;
        }
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
    this.register(onDidChangeSetting('editor.remotePreviews', () => this.syncHtml()));
    this.register(onDidChangeSetting(['prices', 'editor.remotePreviews', 'provider'], () => this.send(true)));
    this.register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.syncHtml();
        this.send(true);
      }),
    );
    this.syncHtml();
    this.register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        webview.options = { ...webview.options, localResourceRoots: localResourceRoots(extensionUri) };
        this.send(true);
      }),
    );
    this.circledTake = this.register(new CircledTakeFeed(document.uri, webview, msg => this.post(msg), log, takeChanges));
    this.register(webview.onDidReceiveMessage(raw => this.receive(raw)));
  }

  /** Why remote thumbnails may not be fetched now (undefined: they may). */
  private remoteBlocked(): 'untrusted' | 'setting' | undefined {
    return remoteBlocked(getSetting('editor.remotePreviews'), vscode.workspace.isTrusted, this.remoteLoadedByUser);
  }

  /**
   * The page's CSP admits https: images only while remote previews are allowed, so a file opened in
   * Restricted Mode cannot make the webview contact a server even if a src slipped through. A change
   * of policy reloads the page; it restores its state and asks for the document again.
   */
  private syncHtml(): void {
    const remoteImages = this.remoteBlocked() === undefined;
    if (this.cspRemoteImages === remoteImages) {
      return;
    }
    this.cspRemoteImages = remoteImages;
    this.panel.webview.html = webviewHtml(this.panel.webview, this.extensionUri, {
      script: 'shot-editor.main.js',
      title: vscode.l10n.t('Kling Shot Editor'),
      remoteImages,
    });
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
  enqueue(intent: ShotIntent, seq = this.ackSeq + 1): Promise<void> {
    this.queue.push({ seq, intent });
    return this.queue.whenIdle();
  }

  private post(msg: ToWebview): void {
    if (this.isDisposed) {
      return;
    }
    void this.panel.webview.postMessage(msg).then(undefined, () => undefined);
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
      last.ackSeq === this.ackSeq &&
      last.mediaChecked === state.mediaChecked
    ) {
      return;
    }
    this.lastSent = { version: this.document.version, ackSeq: this.ackSeq, mediaChecked: state.mediaChecked };
    const a = state.analysis;
    const msg: DocumentMessage = {
      type: 'document',
      version: this.document.version,
      ackSeq: this.ackSeq,
      fileName: this.document.uri.path.split('/').pop() ?? '',
      text: a.text,
      root: a.root,
      endpoint: a.endpoint,
      diagnostics: state.diagnostics.map(d => ({ severity: d.severity, code: d.code, message: d.message, path: d.path, range: d.range })),
      mediaChecked: state.mediaChecked,
      media: mediaViews(this.panel.webview, this.document.uri, a.mediaRefs, {
        remoteBlocked: this.remoteBlocked(),
        boundary: this.boundary,
      }),
      cost: costView(this.document.uri, a, configuredPrices(), () => this.send(true), readProviderConfig().kind === 'simulator'),
      readOnly: this.readOnly,
    };
    this.lastPosted = { version: msg.version, diagnostics: msg.diagnostics.length };
    this.post(msg);
  }

  private receive(raw: unknown): void {
    const parsed = FromWebview.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`shot editor: dropped an invalid message from the webview: ${parsed.error.message.slice(0, 500)}`);
      return;
    }
    const msg = parsed.data;
    if (msg.type !== 'intent' && msg.type !== 'painted') {
      // Every other message acts on the document as typed so far (and may acknowledge later seqs).
      this.queue.release();
    }
    switch (msg.type) {
      case 'flush':
        break;
      case 'ready':
        this.pageReady = true;
        this.post(setupMessage());
        // A restored webview already shows `version`; resend only if the document moved on.
        this.lastSent = undefined;
        if (msg.version === this.document.version) {
          this.lastSent = { version: msg.version, ackSeq: this.ackSeq, mediaChecked: false };
        }
        this.send();
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
        void this.pickMedia(msg.seq, msg.kind, msg.target, msg.wrap);
        break;
      case 'reopenAsText':
        void vscode.commands.executeCommand('klingStudio.reopenAsText', this.document.uri);
        break;
      case 'revealRange':
        void this.reveal(msg.range);
        break;
      case 'generate':
        void this.generate();
        break;
      case 'loadRemotePreviews':
        this.remoteLoadedByUser = true;
        this.syncHtml();
        this.send(true);
        break;
      case 'run':
        // Editor buttons for commands that read the file: let pending edits land first.
        void this.queue.whenIdle().then(() => vscode.commands.executeCommand(`klingStudio.${msg.command}`, this.document.uri));
        break;
      case 'openTakes':
        void vscode.commands.executeCommand('klingStudio.openTakes', this.document.uri, this.circledTake.last?.take?.id);
        break;
      case 'painted':
        this.log.debug(
          `shot editor: first paint of ${this.document.uri.path.split('/').pop()} v${msg.version} in ${Math.round(msg.ms)} ms`,
        );
        break;
    }
  }

  private async applyJob(job: QueuedIntent): Promise<void> {
    let result;
    try {
      result = applyIntent(this.document.getText(), job.intent);
    } catch (e) {
      const message = e instanceof EditError ? e.message : vscode.l10n.t('Could not apply the change: {0}', errorText(e));
      if (!(e instanceof EditError)) {
        this.log.error(`shot editor: ${job.intent.kind} failed: ${e instanceof Error ? e.stack : String(e)}`);
      }
      this.ackSeq = Math.max(this.ackSeq, job.seq);
      this.post({ type: 'intentFailed', seq: job.seq, message });
      return;
    }
    if (result.edits.length > 0) {
      const edit = workspaceEdit(this.document, result.edits);
      this.applying = true;
      let ok = false;
      try {
        ok = await vscode.workspace.applyEdit(edit);
      } finally {
        this.applying = false;
      }
      if (!ok) {
        this.log.warn(`shot editor: VS Code refused the edit for ${job.intent.kind}`);
        this.post({ type: 'intentFailed', seq: job.seq, message: vscode.l10n.t('VS Code refused the edit (is the file read-only?).') });
      }
    }
    this.ackSeq = Math.max(this.ackSeq, job.seq);
    if (job.focus) {
      this.post({ type: 'focus', path: job.focus });
    }
  }

  /**
   * The edits of typing a save takes over; the change they make is sent like any other. Its seq is
   * acknowledged only once that change is in the document: a document sent before then without the
   * text must not tell the webview to drop what it shows (its next keystroke would build on the old
   * text and lose the word).
   */
  private heldEdits(job: QueuedIntent): vscode.TextEdit[] {
    try {
      const edits = applyIntent(this.document.getText(), job.intent).edits;
      if (edits.length === 0) {
        this.ackSeq = Math.max(this.ackSeq, job.seq);
      } else {
        this.ackAfterSave = Math.max(this.ackAfterSave ?? 0, job.seq);
      }
      return vscodeEdits(this.document, edits);
    } catch (e) {
      this.ackSeq = Math.max(this.ackSeq, job.seq);
      this.post({ type: 'intentFailed', seq: job.seq, message: errorText(e) });
      return [];
    }
  }

  private async pickMedia(
    seq: number,
    kind: 'image' | 'video',
    target: { path: (string | number)[]; insertAt?: number },
    wrap?: 'element',
  ): Promise<void> {
    const rel = await pickMediaPath(this.document.uri, kind);
    if (rel === undefined) {
      this.ackSeq = Math.max(this.ackSeq, seq);
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

  private async generate(): Promise<void> {
    await this.queue.whenIdle();
    await vscode.commands.executeCommand('klingStudio.generate', this.document.uri);
  }
}
