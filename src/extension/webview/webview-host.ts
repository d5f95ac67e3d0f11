import * as vscode from 'vscode';
import type * as z from 'zod/mini';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { errorText } from '../../core/error-text';
import { ReadyGate } from './ready-gate';
import { webviewHtml } from './webview-html';

/** Every message union of ours has a `ready` the page's script sends once it listens. */
interface Typed {
  type: string;
}

export interface WebviewHostOptions<In> {
  extensionUri: vscode.Uri;
  log: Log;
  /** Names the view in the log ("takes panel"). */
  name: string;
  /** The page's bundle in dist/webview, and its title. */
  script: string;
  title: string;
  /** What the page may send; anything else is logged and dropped. */
  incoming: z.ZodMiniType<In>;
  /** Folders the page may load files from besides our own bundles; read again by `syncRoots`. */
  roots?: () => readonly vscode.Uri[];
  /** Whether the page's CSP admits https: images; read again by `syncHtml`. */
  remoteImages?: () => boolean;
  /** What the page reads at start (its data-initial), taken when the html is written. */
  initialData?: () => unknown;
  /**
   * A visible page that has not said `ready` in time: the owner may put it in a new panel (true)
   * instead of having it written again (false, or no owner hook).
   */
  whenStuck?: () => boolean;
}

/**
 * The one host of our webviews (the shot and sequence editors, the takes panel, the compare view):
 * the page with its CSP, what it may load, the `ready` handshake, the zod check of every message
 * from it, typed posting, and the disposal of all it subscribed to. The page is untrusted: it gets
 * nothing but what is posted, and what it sends is only acted on once it has parsed.
 */
/** How long a visible page may take to say `ready` before it is written again, and how often. */
const READY_WITHIN_MS = 10_000;
const MAX_REWRITES = 5;

export class WebviewHost<In extends Typed, Out, R = void> extends Disposable {
  private readonly gate: ReadyGate<Out>;
  private cspRemoteImages: boolean | undefined;
  private readonly closed = new vscode.EventEmitter<void>();
  /** The panel was closed, or the host disposed. */
  readonly onDidDispose = this.closed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly opts: WebviewHostOptions<In>,
    private readonly handle: (msg: In) => R | Promise<R>,
  ) {
    super();
    this.gate = new ReadyGate(msg => void this.post(msg));
    this.syncRoots();
    this.syncHtml();
    this.register(panel.webview.onDidReceiveMessage(raw => this.receive(raw).catch(e => this.failed(raw, e))));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.onDidChangeViewState(() => this.watchReady()));
    this.register({ dispose: () => clearTimeout(this.readyTimer) });
  }

  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private rewrites = 0;

  /**
   * A visible page that never says `ready` is handed to the owner's `whenStuck`, or else written
   * again, up to MAX_REWRITES times. In the browser-hosted workbench every webview frame shares one
   * origin and registers its own service worker on it; when two restore at once after a reload (a
   * shot editor and the takes panel), the frame whose worker lost waits for a controller change that
   * never comes, and our html is never put in it. (While a file request that the reload cut off is
   * pending, up to 30 s, no new worker takes over at all.) Writing the page again does not move that
   * frame, which waits before any content; a new panel does, and its worker taking over wakes any
   * other frame left waiting. The check runs while the page is not ready whether or not the panel
   * said it was visible when written: a restored panel may become visible without a view-state
   * event, and a hidden one is only looked at again later.
   */
  private watchReady(): void {
    clearTimeout(this.readyTimer);
    if (this.isDisposed || this.gate.isReady || this.rewrites >= MAX_REWRITES) return;
    this.readyTimer = setTimeout(() => {
      if (this.isDisposed || this.gate.isReady) return;
      if (!this.panel.visible) {
        this.watchReady();
        return;
      }
      const late = `${this.opts.name}: the page did not say ready within ${READY_WITHIN_MS / 1000} s`;
      if (this.opts.whenStuck?.()) {
        this.opts.log.warn(`${late}; opened it in a new panel`);
        return;
      }
      this.rewrites++;
      this.opts.log.warn(`${late}; writing it again`);
      this.writeHtml(this.cspRemoteImages ?? false);
    }, READY_WITHIN_MS);
  }

  get webview(): vscode.Webview {
    return this.panel.webview;
  }

  /** The page's script has said `ready` (since its html was last written). */
  get isReady(): boolean {
    return this.gate.isReady;
  }

  /** Scripts on, forms off, and files only from our bundles and the folders the owner names. */
  syncRoots(): void {
    this.webview.options = {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.opts.extensionUri, 'dist'), ...(this.opts.roots?.() ?? [])],
    };
  }

  /**
   * Writes the page when its CSP would change (https: images allowed or not), so a page can never
   * contact a server the policy does not allow. A new page restores its state and says `ready` again.
   */
  syncHtml(): void {
    const remoteImages = this.opts.remoteImages?.() ?? false;
    if (this.cspRemoteImages === remoteImages) {
      return;
    }
    this.cspRemoteImages = remoteImages;
    this.rewrites = 0;
    this.writeHtml(remoteImages);
  }

  private writeHtml(remoteImages: boolean): void {
    this.gate.reset();
    this.webview.html = webviewHtml(this.webview, this.opts.extensionUri, {
      script: this.opts.script,
      title: this.opts.title,
      initialData: this.opts.initialData?.(),
      remoteImages,
    });
    this.watchReady();
  }

  /** One message from the page (the in-host tests hand theirs in here): checked, then handled. */
  async receive(raw: unknown): Promise<R | undefined> {
    const parsed = this.opts.incoming.safeParse(raw);
    if (!parsed.success) {
      this.opts.log.warn(`${this.opts.name}: dropped an invalid message from the webview: ${parsed.error.message.slice(0, 500)}`);
      return undefined;
    }
    if (parsed.data.type === 'ready') {
      this.gate.markReady();
      clearTimeout(this.readyTimer);
      // VS Code hands focus to a webview's frame when it is opened, which can be before our page
      // exists: the frame then holds focus with nothing in it (a keyboard user is on <body>). Once
      // the page listens, an active panel is focused again, so focus reaches the page's own place.
      if (this.panel.active) void vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
    return this.handle(parsed.data);
  }

  /** Posts now. False when the page is gone; never rejects. */
  post(msg: Out): Promise<boolean> {
    if (this.isDisposed) {
      return Promise.resolve(false);
    }
    return Promise.resolve(this.webview.postMessage(msg)).then(undefined, (e: unknown) => {
      this.opts.log.debug(`${this.opts.name}: a message did not reach the webview: ${errorText(e)}`);
      return false;
    });
  }

  /** Posts once the page has said `ready`: for requests, which a page still loading would miss. */
  postWhenReady(msg: Out): void {
    this.gate.post(msg);
  }

  private failed(raw: unknown, e: unknown): void {
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String(raw.type) : '?';
    this.opts.log.error(`${this.opts.name}: handling "${type}" failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.gate.clear();
    super.dispose();
    // Fired after the subscriptions are gone; the owners that listen dispose themselves (again: a no-op here).
    this.closed.fire();
    this.closed.dispose();
  }
}

/** A new panel for one of our pages; it keeps its page while hidden (a player's place, a compare in step). */
export function openWebviewPanel(
  viewType: string,
  title: string,
  show: { viewColumn: vscode.ViewColumn; preserveFocus?: boolean },
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, show, {
    enableScripts: true,
    enableForms: false,
    retainContextWhenHidden: true,
  });
}

/**
 * What a serializer restores a panel from after a reload: the state its page last stored, checked
 * like any message from the page. Without a usable one the panel is closed (it could show nothing).
 */
export function restoredState<T>(
  panel: vscode.WebviewPanel,
  state: unknown,
  schema: z.ZodMiniType<T>,
  log: Log,
  name: string,
): T | undefined {
  const parsed = schema.safeParse(state);
  if (!parsed.success) {
    log.warn(`${name}: no usable state to restore; closing it`);
    panel.dispose();
    return undefined;
  }
  return parsed.data;
}
