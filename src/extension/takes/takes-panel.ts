import * as vscode from 'vscode';
import { FromTakes, type ToTakes } from '../../shared/takes-messages';
import { Disposable } from '../dispose';
import { mediaRoots } from '../common/media-views';
import { OneAtATime } from '../one-at-a-time';
import { onDidChangeSetting } from '../settings/settings';
import { WebviewHost } from '../webview/webview-host';
import { errorText } from '../../core/error-text';
import { LastFrameRequests } from '../common/last-frame-requests';
import { TakeActions } from './take-actions';
import { TakeClips } from './take-clips';
import { outputDirOf } from '../common/take-index';
import { TakeList } from './take-list';
import { TakeMediaViews } from './take-media';
import { PosterMaker } from './take-poster-maker';
import { shotName } from '../common/shot-name';
import { canUseSystemPlayer, type TakesPanelDeps, type TakesPanelScope } from './takes-panel-scope';

/**
 * The takes of one shot file: the clip player and the take list, newest first. The webview holds
 * no truth: it renders the list the host sends and posts intents back (validated with zod). The
 * list, the clips and the buttons are parts of their own; this keeps them on the shot shown.
 */
export class TakesPanel extends Disposable implements TakesPanelScope {
  private currentShot: vscode.Uri;
  private currentOutputDir: string;
  private readonly refresher = new OneAtATime(
    () => this.refreshNow(),
    e => this.deps.log.error(`takes panel: ${errorText(e)}`),
    () => this.isDisposed,
  );
  private pendingSelect: string | undefined;
  private pendingAutoplay = false;
  /** Last message sent, for the in-host tests. */
  lastMessage: ToTakes | undefined;
  private readonly host: WebviewHost<FromTakes, ToTakes>;
  readonly onDidDispose: vscode.Event<void>;
  /** Thumbnails of each take's media (the shot editor's boundary and remote policy). */
  private readonly media: TakeMediaViews;
  private readonly list: TakeList;
  private readonly clips: TakeClips;
  private readonly actions: TakeActions;
  /** Last frames the webview decodes for "Continue from Last Frame". */
  private readonly lastFrames = this.register(new LastFrameRequests(m => this.host.postWhenReady(m)));
  /** Each finished take's poster, made once from its clip's first frame. */
  private readonly posters: PosterMaker;
  /** While a last frame is being read the panel stays on its shot (it would follow the active editor). */
  private readingFrames = 0;
  /** A pinned panel stays on its shot; an unpinned one follows the active shot file. */
  pinned = false;
  /** Watches the output folder of the current shot (replaced when the panel follows another). */
  private watcher: vscode.Disposable | undefined;
  private readonly retargetEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** The panel now shows another shot; the argument is the one it showed before. */
  readonly onDidRetarget = this.retargetEmitter.event;
  /**
   * Asked when the page stays blank: true if the owner put these takes in a new panel (this one is
   * then disposed), false to have the page written again.
   */
  replaceWhenStuck: () => boolean = () => false;

  get shotUri(): vscode.Uri {
    return this.currentShot;
  }

  get outputDir(): string {
    return this.currentOutputDir;
  }

  /** The compare view opened last from this panel, for the in-host tests. */
  get lastCompare() {
    return this.actions.lastCompare;
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    shotUri: vscode.Uri,
    readonly deps: TakesPanelDeps,
    select?: string,
    landed = false,
  ) {
    super();
    this.currentShot = shotUri;
    this.pendingSelect = select;
    this.pendingAutoplay = landed;
    this.currentOutputDir = outputDirOf(shotUri);
    this.media = this.register(new TakeMediaViews(() => this.refreshLater()));
    this.host = this.register(
      new WebviewHost<FromTakes, ToTakes>(
        panel,
        {
          extensionUri: deps.extensionUri,
          log: deps.log,
          name: 'takes panel',
          script: 'takes.main.js',
          title: vscode.l10n.t('Kling Takes'),
          incoming: FromTakes,
          // The clips, and thumbnails of a take's local media (offered only after the real-path check).
          roots: () => [vscode.Uri.file(this.outputDir), ...mediaRoots()],
          // https: images (the thumbnails of a take's remote media) only while remote previews are allowed.
          remoteImages: () => this.media.remoteAllowed(),
          initialData: () => ({ shotUri: this.shotUri.toString() }),
          whenStuck: () => this.replaceWhenStuck(),
        },
        msg => this.handle(msg),
      ),
    );
    this.onDidDispose = this.host.onDidDispose;
    this.register(this.host.onDidDispose(() => this.dispose()));
    const webview = () => this.host.webview;
    this.clips = new TakeClips(this, webview, msg => this.host.post(msg));
    this.list = new TakeList(this, this.media, this.clips, webview);
    this.actions = this.register(new TakeActions(this, this.list, this.clips));
    this.posters = new PosterMaker(
      clip => this.clips.frameSrc(clip).then(src => this.lastFrames.request(src, 'first')),
      () => deps.takeChanges.fire(this.shotUri),
      deps.log,
    );
    this.watchMediaPolicy();
    panel.title = vscode.l10n.t('Takes: {0}', shotName(shotUri));
    this.register(
      deps.service.onDidChange(j => {
        if (!j || j.shotUri.toString() === this.shotUri.toString()) {
          this.refreshLater();
        }
      }),
    );
    this.watchOutput();
    this.register({ dispose: () => this.watcher?.dispose() });
    this.register(
      onDidChangeSetting(
        'output.folder',
        () => {
          this.currentOutputDir = outputDirOf(this.shotUri);
          this.host.syncRoots();
          this.watchOutput();
          this.refreshLater();
        },
        this.shotUri,
      ),
    );
  }

  /** A change of policy reloads the page, which restores its state and asks for the takes again. */
  private watchMediaPolicy(): void {
    const changed = () => {
      this.host.syncRoots();
      this.host.syncHtml();
      this.refreshLater();
    };
    this.register(onDidChangeSetting('editor.remotePreviews', changed));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(changed));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(changed));
  }

  private watchOutput(): void {
    this.watcher?.dispose();
    this.watcher = this.deps.takeChanges.onOutputChange(this.shotUri.fsPath, this.outputDir, () => this.refreshLater());
  }

  /** Shows another shot's takes in this panel (it follows the active shot file unless pinned). */
  retarget(shotUri: vscode.Uri): void {
    if (this.isDisposed || this.readingFrames > 0 || shotUri.toString() === this.shotUri.toString()) {
      return;
    }
    const before = this.currentShot;
    this.currentShot = shotUri;
    this.list.clear();
    this.pendingSelect = undefined;
    this.currentOutputDir = outputDirOf(shotUri);
    this.host.syncRoots();
    this.watchOutput();
    this.panel.title = vscode.l10n.t('Takes: {0}', shotName(shotUri));
    this.retargetEmitter.fire(before);
    this.refreshLater();
  }

  reveal(select?: string, preserveFocus = false, landed = false): void {
    if (select) {
      this.pendingSelect = select;
      this.pendingAutoplay = landed;
    }
    this.panel.reveal(undefined, preserveFocus);
    this.refreshLater();
  }

  /** Bursts (progress events, file events) make one refresh at a time. */
  scheduleRefresh(): Promise<void> {
    return this.refresher.run();
  }

  refresh(select?: string): Promise<void> {
    if (select) {
      this.pendingSelect = select;
    }
    return this.scheduleRefresh();
  }

  /** From events nothing waits on: the refresher logs what fails. */
  private refreshLater(): void {
    void this.scheduleRefresh();
  }

  private async refreshNow(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const { takes, desktop } = await this.list.read();
    const msg: ToTakes = {
      type: 'takes',
      shotName: shotName(this.shotUri),
      shotUri: this.shotUri.toString(),
      pinned: this.pinned,
      takes,
      desktop,
      systemPlayer: canUseSystemPlayer(),
      ...(this.pendingSelect && { select: this.pendingSelect }),
      ...(this.pendingSelect && this.pendingAutoplay && { autoplay: true }),
    };
    this.pendingSelect = undefined;
    this.pendingAutoplay = false;
    this.lastMessage = msg;
    await this.host.post(msg);
    // In the background: a poster decodes a clip in the page, which must not hold up the list.
    void this.posters.ensure(this.list.all);
  }

  /** A message from the webview (in-host tests post here what a click would): checked, then acted on. */
  receive(raw: unknown): Promise<void> {
    return this.host.receive(raw);
  }

  private async handle(msg: FromTakes): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return this.scheduleRefresh();
      case 'regenerate':
        await vscode.commands.executeCommand('klingStudio.generate', this.shotUri);
        return;
      case 'generateTakes':
        await vscode.commands.executeCommand('klingStudio.generateTakes', this.shotUri);
        return;
      case 'openShot':
        await vscode.commands.executeCommand('vscode.open', this.shotUri);
        return;
      case 'pin':
        this.pinned = msg.pinned;
        return this.scheduleRefresh();
      case 'lastFrame':
      case 'lastFrameFailed':
        this.lastFrames.settle(msg);
        return;
      default: {
        const entry = this.list.find(msg.id);
        return entry && this.actions.run(msg, entry);
      }
    }
  }

  /** This blank panel is being replaced by `to`: frames still to be read are read there. */
  handOver(to: TakesPanel): void {
    this.lastFrames.handOver(to.lastFrames);
  }

  /** The last frame of this panel's take `recordPath`, decoded by the webview as a PNG. */
  async lastFrameOf(recordPath: string): Promise<Uint8Array> {
    this.readingFrames++;
    try {
      await this.scheduleRefresh();
      const src = await this.clips.frameSrc(this.list.all.find(e => e.path === recordPath)?.record.clipPath);
      return await this.lastFrames.request(src);
    } finally {
      this.readingFrames--;
    }
  }
}
