import { OneAtATime } from '../one-at-a-time';
import * as vscode from 'vscode';
import { workspaceEdit } from '../text-edits';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FromTakes, type TakeView, type ToTakes } from '../../shared/takes-messages';
import { Disposable } from '../dispose';
import type { GenerationService } from '../generation/generation-service';
import { isInside, restoreRequestText, type RestoredRequest, errorText } from '../../core';
import { minimalEdit } from '../../core/edit';
import { clearSelection, readSelection, selectTake } from '../../takes';
import { progressMessage } from '../generation/progress-text';
import type { Prompts } from '../generation/prompts';
import type { Log } from '../log';
import { labelText, notificationText } from '../../core/ui-text';
import { webviewHtml } from '../webview-html';
import { audioUnsupported } from './audio-codec';
import { audioCodecOf } from '../../media/mp4';
import { findFfmpeg } from '../../media/find-ffmpeg';
import { freshMp3Copy, makeMp3Copy, mp3CopyPath } from './mp3-copy';
import { clipRootsFor, outputDirOf, readRootsFor, takesForShot, type TakeEntry } from './take-index';
import { checkClip, clipOutsideText } from './clip-boundary';
import { clipWebviewSrc } from './clip-src';
import { takeViewOf } from './take-view';
import { takeDetailsOf } from './take-details';
import { ComparePanel } from './compare-panel';
import { TakeMediaViews } from './take-media';
import type { TakeChanges } from './take-changes';
import { localResourceRoots } from '../editor/media-views';
import { LastFrameRequests } from './last-frame-requests';
import { settingId } from '../settings/definitions';
import { getSetting, onDidChangeSetting } from '../settings/settings';

/** Runs "Continue from Last Frame" on a take record (src/extension/continuity). */
export const CONTINUE_FROM_LAST_FRAME_COMMAND = 'klingStudio.continueFromLastFrame';

export const TAKES_VIEW_TYPE = 'klingStudio.takes';
/** Where deleted takes go when the OS trash is out of reach; never scanned for takes. */
export const TRASH_FOLDER = '.trash';

export interface TakesPanelDeps {
  extensionUri: vscode.Uri;
  service: GenerationService;
  log: Log;
  prompts: () => Prompts;
  /** Told when this panel circles or trashes a take (the shot editors follow). */
  takeChanges?: TakeChanges;
}

/** Audio probes are cached by path + mtime + size: a clip is probed once. */
const audioCache = new Map<string, string | null>();

/**
 * The takes of one shot file: the clip player and the take list, newest first. The webview holds
 * no truth: it renders the list the host sends and posts intents back (validated with zod).
 */
export class TakesPanel extends Disposable {
  private entries: TakeEntry[] = [];
  private outputDir: string;
  private readonly refresher = new OneAtATime(
    () => this.refresh(),
    e => this.deps.log.error(`takes panel: ${errorText(e)}`),
    () => this.isDisposed,
  );
  private pendingSelect: string | undefined;
  private pendingAutoplay = false;
  /** Last message sent, for the in-host tests. */
  lastMessage: ToTakes | undefined;
  /** The compare view opened last from this panel, for the in-host tests. */
  lastCompare: ComparePanel | undefined;
  private readonly disposedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  /** Last frames the webview decodes for "Continue from Last Frame". */
  private readonly lastFrames = this.register(new LastFrameRequests(m => this.panel.webview.postMessage(m)));
  /** While a last frame is being read the panel stays on its shot (it would follow the active editor). */
  private readingFrames = 0;

  private currentShot: vscode.Uri;
  /** Thumbnails of each take's media (the shot editor's boundary and remote policy). */
  private readonly media: TakeMediaViews;
  private cspRemoteImages: boolean | undefined;
  /** A pinned panel stays on its shot; an unpinned one follows the active shot file. */
  pinned = false;
  /** Watches the output folder of the current shot (replaced when the panel follows another). */
  private watcher: vscode.Disposable | undefined;
  private readonly retargetEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** The panel now shows another shot; the argument is the one it showed before. */
  readonly onDidRetarget = this.retargetEmitter.event;

  get shotUri(): vscode.Uri {
    return this.currentShot;
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    shotUri: vscode.Uri,
    private readonly deps: TakesPanelDeps,
    select?: string,
    landed = false,
  ) {
    super();
    this.currentShot = shotUri;
    this.pendingSelect = select;
    this.pendingAutoplay = landed;
    this.outputDir = outputDirOf(shotUri);
    this.media = this.register(new TakeMediaViews(() => void this.scheduleRefresh()));
    this.configureWebview();
    this.syncHtml();
    this.watchMediaPolicy();
    panel.title = vscode.l10n.t('Takes: {0}', shotName(shotUri));
    this.register(panel.webview.onDidReceiveMessage(raw => this.receive(raw)));
    this.register(
      panel.onDidDispose(() => {
        this.disposedEmitter.fire();
        this.dispose();
      }),
    );
    this.register(
      deps.service.onDidChange(j => {
        if (!j || j.shotUri.toString() === this.shotUri.toString()) {
          void this.scheduleRefresh();
        }
      }),
    );
    this.watchOutput();
    this.register({ dispose: () => this.watcher?.dispose() });
    this.register(
      onDidChangeSetting(
        'output.folder',
        () => {
          this.outputDir = outputDirOf(this.shotUri);
          this.configureWebview();
          this.watchOutput();
          void this.scheduleRefresh();
        },
        this.shotUri,
      ),
    );
  }

  /**
   * The page's CSP admits https: images (the thumbnails of a take's remote media) only while remote
   * previews are allowed; otherwise the panel contacts no server. A change of policy reloads the page,
   * which restores its state and asks for the takes again.
   */
  private syncHtml(): void {
    const remoteImages = this.media.remoteAllowed();
    if (this.cspRemoteImages === remoteImages) {
      return;
    }
    this.cspRemoteImages = remoteImages;
    this.panel.webview.html = webviewHtml(this.panel.webview, this.deps.extensionUri, {
      script: 'takes.main.js',
      title: vscode.l10n.t('Kling Takes'),
      initialData: { shotUri: this.shotUri.toString() },
      remoteImages,
    });
  }

  private watchMediaPolicy(): void {
    const changed = () => {
      this.configureWebview();
      this.syncHtml();
      void this.scheduleRefresh();
    };
    this.register(onDidChangeSetting('editor.remotePreviews', changed));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(changed));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(changed));
  }

  private watchOutput(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(this.outputDir), '*.{take.json,mp4,selection.json}'),
    );
    const subs = [w.onDidCreate, w.onDidChange, w.onDidDelete].map(ev => ev(() => this.scheduleRefresh()));
    this.watcher = vscode.Disposable.from(w, ...subs);
  }

  /** Shows another shot's takes in this panel (it follows the active shot file unless pinned). */
  retarget(shotUri: vscode.Uri): void {
    if (this.isDisposed || this.readingFrames > 0 || shotUri.toString() === this.shotUri.toString()) {
      return;
    }
    const before = this.currentShot;
    this.currentShot = shotUri;
    this.entries = [];
    this.pendingSelect = undefined;
    this.outputDir = outputDirOf(shotUri);
    this.configureWebview();
    this.watchOutput();
    this.panel.title = vscode.l10n.t('Takes: {0}', shotName(shotUri));
    this.retargetEmitter.fire(before);
    void this.scheduleRefresh();
  }

  /**
   * Roots: the output folder (the clips), the workspace folders (thumbnails of a take's local media,
   * offered only after the real-path check) and the extension's dist (the script). Nothing else of
   * the disk is readable from the webview, whose content must be treated as untrusted.
   */
  private configureWebview(): void {
    this.panel.webview.options = {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.file(this.outputDir), ...localResourceRoots(this.deps.extensionUri)],
    };
  }

  reveal(select?: string, preserveFocus = false, landed = false): void {
    if (select) {
      this.pendingSelect = select;
      this.pendingAutoplay = landed;
    }
    this.panel.reveal(undefined, preserveFocus);
    void this.scheduleRefresh();
  }

  /** Bursts (progress events, file events) make one refresh at a time. Never rejects: errors go to the log. */
  scheduleRefresh(): Promise<void> {
    return this.refresher.run();
  }

  private async refresh(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const [entries, circled] = await Promise.all([
      takesForShot(this.shotUri),
      readSelection(this.outputDir, this.shotUri.fsPath, { roots: readRootsFor(this.shotUri.fsPath) }),
    ]);
    this.entries = entries;
    const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
    const running = new Map(this.deps.service.runningFor(this.shotUri).map(j => [j.recordPath, j]));
    const ffmpeg = desktop ? await findFfmpeg(getSetting('ffmpegPath', this.shotUri)) : undefined;
    const takes: TakeView[] = [];
    const roots = clipRootsFor(this.shotUri.fsPath);
    for (const e of entries) {
      const job = running.get(e.path);
      const view: TakeView = {
        ...takeViewOf(job?.record ?? e.record),
        running: !!job,
        circled: e.path === circled,
        details: { ...takeDetailsOf(job?.record ?? e.record), media: this.media.views(this.panel.webview, this.shotUri, e.record) },
      };
      if (job) {
        view.status = job.status;
        view.progress = job.cancelRequested
          ? vscode.l10n.t('Cancelling…')
          : progressMessage({
              status: job.status,
              queuePosition: job.queuePosition,
              lastLog: job.lastLog,
              elapsedMs: Date.now() - job.startedAt,
            });
      }
      const clip = e.record.status === 'done' ? e.record.clipPath : undefined;
      const checked = clip ? await checkClip(clip, roots) : undefined;
      if (clip && checked?.kind === 'inside') {
        view.clipSrc = this.src(clip, checked);
        const codec = await this.audioCodec(checked.realPath, checked);
        const unsupported = audioUnsupported(codec, desktop);
        const copy = unsupported ? await freshMp3Copy(clip) : undefined;
        const copyChecked = copy ? await checkClip(copy, roots) : undefined;
        if (copy && copyChecked?.kind === 'inside') {
          view.mp3Src = this.src(copy, copyChecked);
        }
        view.audio = { codec, unsupported, mp3Copy: copyChecked?.kind === 'inside' ? 'ready' : ffmpeg ? 'can-make' : 'unavailable' };
      } else if (clip && checked?.kind === 'outside') {
        view.error = clipOutsideText(clip);
      } else if (e.record.status === 'done') {
        view.error = vscode.l10n.t('The clip file is missing from the output folder.');
      }
      takes.push(view);
    }
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
    if (!this.isDisposed) {
      await this.panel.webview.postMessage(msg);
    }
  }

  private src(file: string, st: { mtimeMs: number; size: number }): string {
    return clipWebviewSrc(this.panel.webview, file, st);
  }

  private async audioCodec(clip: string, st: { mtimeMs: number; size: number }): Promise<string | null> {
    const key = `${clip}|${st.mtimeMs}|${st.size}`;
    if (audioCache.has(key)) {
      return audioCache.get(key)!;
    }
    let codec: string | null;
    try {
      codec = await audioCodecOf(clip);
    } catch (e) {
      this.deps.log.warn(`could not read the audio track of ${clip}: ${errorText(e)}`);
      codec = null;
    }
    audioCache.set(key, codec);
    return codec;
  }

  /** A message from the webview (in-host tests post here what a click would): checked, then acted on. */
  async receive(raw: unknown): Promise<void> {
    const parsed = FromTakes.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`takes panel: dropped an invalid message from the webview: ${parsed.error.message}`);
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'ready') {
      this.lastFrames.markReady();
      await this.scheduleRefresh();
      return;
    }
    if (msg.type === 'regenerate') {
      await vscode.commands.executeCommand('klingStudio.generate', this.shotUri);
      return;
    }
    if (msg.type === 'pin') {
      this.pinned = msg.pinned;
      void this.scheduleRefresh();
      return;
    }
    if (msg.type === 'generateTakes') {
      await vscode.commands.executeCommand('klingStudio.generateTakes', this.shotUri);
      return;
    }
    if (msg.type === 'openShot') {
      await vscode.commands.executeCommand('vscode.open', this.shotUri);
      return;
    }
    if (msg.type === 'lastFrame' || msg.type === 'lastFrameFailed') {
      this.lastFrames.settle(msg);
      return;
    }
    // Ids from the webview are only looked up, never used as paths.
    const entry = this.entries.find(e => e.record.id === msg.id);
    if (!entry) {
      return;
    }
    const rec = entry.record;
    switch (msg.type) {
      case 'select':
        return;
      case 'cancel': {
        const job = this.deps.service.runningFor(this.shotUri).find(j => j.recordPath === entry.path);
        if (job) {
          await this.deps.service.cancel(job.key).catch(() => undefined);
        }
        return;
      }
      case 'copyRequestId':
        if (rec.requestId) {
          await vscode.env.clipboard.writeText(rec.requestId);
          void vscode.window.setStatusBarMessage(labelText(vscode.l10n.t('Copied request id {0}', rec.requestId)), 3000);
        }
        return;
      case 'openExternal': {
        // In the browser, openExternal of a file URI navigates the workbench page itself away
        // (code-server then leaves it deaf to mouse and keyboard): never from there.
        if (!rec.clipPath || !canUseSystemPlayer() || !(await this.clipMayBeRead(rec.clipPath))) {
          return;
        }
        const ok = await vscode.env.openExternal(vscode.Uri.file(rec.clipPath));
        if (!ok) {
          void vscode.window.showWarningMessage(
            notificationText(vscode.l10n.t('Kling: could not open {0} in the system player.', rec.clipPath ?? '')),
          );
        }
        return;
      }
      case 'reveal': {
        const target = vscode.Uri.file(rec.clipPath && rec.status === 'done' ? rec.clipPath : entry.path);
        const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some(f => isInside(f.uri.fsPath, target.fsPath));
        await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', target);
        return;
      }
      case 'delete':
        return this.deleteTake(entry);
      case 'saveClipAs':
        return this.saveClipAs(entry);
      case 'compare':
        return this.compare(entry, msg.with);
      case 'circle':
        return this.circle(entry, msg.circled);
      case 'useSettings':
        return void (await this.useSettings(entry, true));
      case 'regenerateTake':
        return this.regenerateTake(entry);
      case 'makeMp3Copy':
        return this.makeCopy(entry);
      case 'continueFromLastFrame':
        return void (await vscode.commands.executeCommand(CONTINUE_FROM_LAST_FRAME_COMMAND, vscode.Uri.file(entry.path)));
    }
  }

  /** The last frame of this panel's take `recordPath`, decoded by the webview as a PNG. */
  async lastFrameOf(recordPath: string): Promise<Uint8Array> {
    this.readingFrames++;
    try {
      await this.scheduleRefresh();
      const clip = this.entries.find(e => e.path === recordPath)?.record.clipPath;
      const checked = clip ? await checkClip(clip, clipRootsFor(this.shotUri.fsPath)) : undefined;
      if (clip && checked?.kind === 'outside') {
        throw new Error(clipOutsideText(clip));
      }
      if (!clip || checked?.kind !== 'inside') {
        throw new Error(vscode.l10n.t('the clip of this take is not in the takes panel'));
      }
      return await this.lastFrames.request(this.src(clip, checked));
    } finally {
      this.readingFrames--;
    }
  }

  private async deleteTake(entry: TakeEntry): Promise<void> {
    if (this.deps.service.isRunning(entry.path)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Kling: this take is still running; cancel it first.'));
      return;
    }
    const what = vscode.l10n.t('the take of {0} from {1}', shotName(this.shotUri), new Date(entry.record.createdAt).toLocaleString());
    if (!(await this.deps.prompts().confirmDelete(what))) {
      return;
    }
    // The clip first: a take whose record is gone but whose clip stayed would be an orphan nobody lists.
    const files = [...(entry.record.clipPath ? [entry.record.clipPath, mp3CopyPath(entry.record.clipPath)] : []), entry.path];
    const trashed: string[] = [];
    // A browser or remote window has no OS trash to reach (the files are on the server): there the
    // take goes to a trash folder beside the takes, from where it can be moved back.
    const osTrash = canUseSystemPlayer();
    const trashDir = join(this.outputDir, TRASH_FOLDER);
    for (const f of files) {
      if (!(await stat(f).catch(() => undefined))) {
        continue;
      }
      try {
        if (osTrash) {
          await vscode.workspace.fs.delete(vscode.Uri.file(f), { useTrash: true });
        } else {
          await vscode.workspace.fs.rename(vscode.Uri.file(f), vscode.Uri.file(join(trashDir, basename(f))), { overwrite: true });
        }
        trashed.push(f);
      } catch (e) {
        // Never fall back to deleting for good: the user was promised the trash.
        void vscode.window.showErrorMessage(
          notificationText(vscode.l10n.t('Kling: could not move {0} to the trash ({1}); it was kept.', f, errorText(e))),
        );
        await this.scheduleRefresh();
        return;
      }
    }
    if ((await readSelection(this.outputDir, this.shotUri.fsPath, { roots: readRootsFor(this.shotUri.fsPath) })) === entry.path) {
      await clearSelection(this.outputDir, this.shotUri.fsPath).catch(() => undefined);
    }
    this.deps.takeChanges?.fire(this.shotUri);
    this.deps.log.info(
      `moved take ${entry.record.id}${entry.record.requestId ? ` (${entry.record.requestId})` : ''} to the trash: ${trashed.join(', ')}`,
    );
    void vscode.window.showInformationMessage(
      notificationText(
        osTrash
          ? trashed.length === 1
            ? vscode.l10n.t('Kling: moved {0} to the trash (1 file).', what)
            : vscode.l10n.t('Kling: moved {0} to the trash ({1} files).', what, trashed.length)
          : trashed.length === 1
            ? vscode.l10n.t('Kling: moved {0} to {1} (1 file).', what, trashDir)
            : vscode.l10n.t('Kling: moved {0} to {1} ({2} files).', what, trashDir, trashed.length),
      ),
    );
    await this.scheduleRefresh();
  }

  /** The choice lives in a sidecar beside the records, so it survives a reload and goes into git. */
  private async circle(entry: TakeEntry, circled: boolean): Promise<void> {
    try {
      if (circled) {
        await selectTake(entry.path, { roots: readRootsFor(this.shotUri.fsPath) });
      } else if ((await readSelection(this.outputDir, this.shotUri.fsPath, { roots: readRootsFor(this.shotUri.fsPath) })) === entry.path) {
        await clearSelection(this.outputDir, this.shotUri.fsPath);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(
        notificationText(
          circled
            ? vscode.l10n.t('Kling: could not circle the take: {0}', errorText(e))
            : vscode.l10n.t('Kling: could not uncircle the take: {0}', errorText(e)),
        ),
      );
    }
    this.deps.takeChanges?.fire(this.shotUri);
    this.pendingSelect = entry.record.id;
    await this.scheduleRefresh();
  }

  /**
   * Writes the take's request into the shot file as one minimal edit of its document, so the
   * custom editor follows and one Undo brings the exact old text back. False when nothing was done.
   */
  async useSettings(entry: TakeEntry, announce: boolean): Promise<boolean> {
    const doc = await vscode.workspace.openTextDocument(this.shotUri);
    const before = doc.getText();
    let restored: RestoredRequest;
    try {
      restored = restoreRequestText(before, entry.record.endpointId, entry.record.body);
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: {0}: {1}', shotName(this.shotUri), errorText(e))));
      return false;
    }
    const kept = restored.keptLocal.length
      ? ' ' +
        vscode.l10n.t('Kept your local media at {0} (the take sent uploaded copies).', restored.keptLocal.map(p => p.join('.')).join(', '))
      : '';
    const edit = minimalEdit(before, restored.text);
    if (!edit) {
      if (announce) {
        void vscode.window.showInformationMessage(
          notificationText(vscode.l10n.t("Kling: {0} already has this take's settings.", shotName(this.shotUri)) + kept),
        );
      }
      return true;
    }
    if (!(await vscode.workspace.applyEdit(workspaceEdit(doc, [edit])))) {
      void vscode.window.showErrorMessage(
        notificationText(vscode.l10n.t('Kling: could not edit {0} (is it read-only?).', shotName(this.shotUri))),
      );
      return false;
    }
    if (announce) {
      void vscode.window.showInformationMessage(
        notificationText(
          vscode.l10n.t(
            'Kling: {0} now has the settings of the take from {1} (Undo brings the file back).',
            shotName(this.shotUri),
            new Date(entry.record.createdAt).toLocaleString(),
          ) + kept,
        ),
      );
    }
    return true;
  }

  /** Regenerate from a take: its request, after asking when the file has moved on since. */
  private async regenerateTake(entry: TakeEntry): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.shotUri);
    let differs: boolean;
    try {
      differs = restoreRequestText(doc.getText(), entry.record.endpointId, entry.record.body).text !== doc.getText();
    } catch {
      differs = true;
    }
    if (differs) {
      const which = await this.deps.prompts().regenerateWhich(shotName(this.shotUri));
      if (!which || (which === 'take' && !(await this.useSettings(entry, false)))) {
        return;
      }
    }
    await vscode.commands.executeCommand('klingStudio.generate', this.shotUri);
  }

  private async compare(entry: TakeEntry, withId: string | undefined): Promise<void> {
    const others = this.entries.filter(e => e !== entry && e.record.status === 'done');
    let other = withId === undefined ? undefined : others.find(e => e.record.id === withId);
    if (withId === undefined) {
      if (!others.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Kling: this shot has no other finished take to compare with.'));
        return;
      }
      const pick = await vscode.window.showQuickPick(
        others.map(e => ({
          label: new Date(e.record.createdAt).toLocaleString(),
          description: labelText(takeViewOf(e.record).prompt),
          entry: e,
        })),
        { title: vscode.l10n.t('Compare with which take?') },
      );
      other = pick?.entry;
    }
    if (other) {
      this.lastCompare = this.register(ComparePanel.open(this.deps.extensionUri, entry, other));
    }
  }

  /** A clip whose real path is outside the workspace is not handed to a player, a copy or ffmpeg. */
  private async clipMayBeRead(clip: string): Promise<boolean> {
    const checked = await checkClip(clip, clipRootsFor(this.shotUri.fsPath));
    if (checked.kind === 'outside') {
      void vscode.window.showWarningMessage(notificationText(clipOutsideText(clip)));
    }
    return checked.kind !== 'outside';
  }

  private async saveClipAs(entry: TakeEntry): Promise<void> {
    const clip = entry.record.clipPath;
    if (!clip || entry.record.status !== 'done' || !(await this.clipMayBeRead(clip))) {
      return;
    }
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save Clip As'),
      defaultUri: vscode.Uri.file(clip),
      filters: { [vscode.l10n.t('MP4 video')]: ['mp4'] },
    });
    if (!target) {
      return;
    }
    try {
      await vscode.workspace.fs.copy(vscode.Uri.file(clip), target, { overwrite: true });
      void vscode.window.showInformationMessage(
        notificationText(vscode.l10n.t('Kling: saved the clip as {0}.', target.fsPath || target.toString())),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: could not save the clip: {0}', errorText(e))));
    }
  }

  private async makeCopy(entry: TakeEntry): Promise<void> {
    const clip = entry.record.clipPath;
    if (!clip || !(await this.clipMayBeRead(clip))) {
      return;
    }
    const ffmpeg = await findFfmpeg(getSetting('ffmpegPath', this.shotUri));
    if (!ffmpeg) {
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('Kling: ffmpeg was not found. Install it or set "klingStudio.ffmpegPath".'),
          vscode.l10n.t('Open Setting'),
        )
        .then(p => {
          if (p) {
            void vscode.commands.executeCommand('workbench.action.openSettings', settingId('ffmpegPath'));
          }
        });
      return;
    }
    await this.panel.webview.postMessage({
      type: 'busy',
      id: entry.record.id,
      what: vscode.l10n.t('Making a copy with MP3 audio…'),
    } satisfies ToTakes);
    try {
      const out = await makeMp3Copy(ffmpeg, clip);
      this.deps.log.info(`made ${out}`);
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: {0}', errorText(e))));
    } finally {
      await this.panel.webview.postMessage({ type: 'busy', id: entry.record.id, what: null } satisfies ToTakes);
      this.pendingSelect = entry.record.id;
      await this.scheduleRefresh();
    }
  }
}

/** Only a desktop window working on local files can hand a clip to the OS's player. */
export function canUseSystemPlayer(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
}

function shotName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
