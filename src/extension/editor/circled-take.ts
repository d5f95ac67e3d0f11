import { OneAtATime } from '../one-at-a-time';
import * as vscode from 'vscode';
import { takesOfShot, type ShotTake } from '../../takes';
import type { CircledTakeMessage } from '../../shared/circled-take-messages';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { checkClip } from '../common/clip-boundary';
import { clipWebviewSrc } from '../common/clip-src';
import { outputDirOf, readRootsFor } from '../common/take-index';
import { onDidChangeSetting } from '../settings/settings';
import { circledTakeSummary } from './circled-take-summary';
import { workspaceRoots } from '../common/take-index';
import type { TakeChanges } from '../common/take-changes';
import { errorText } from '../../core/error-text';

/**
 * Keeps one shot editor told about its shot's circled take. It follows the files of the output
 * folder (TakeChanges' shared watcher, as the takes panel does): a take landing, a circle from the
 * panel and `kling takes select` all show up as files changing there. Replaced when
 * `klingStudio.output.folder` changes, disposed with the editor. What this window does itself (a
 * take finishing, the panel circling) also arrives as TakeChanges' news of the shot, so it shows
 * even while a watcher is still starting.
 */
export class CircledTakeFeed extends Disposable {
  private watcher: vscode.Disposable | undefined;
  private outputDir: string;
  private readonly reader = new OneAtATime(
    () => this.send(),
    e => this.log.warn(`shot editor: could not read the takes of ${this.shotUri.fsPath}: ${errorText(e)}`),
    () => this.isDisposed,
  );
  /** What the webview was last sent (in-host tests read it). */
  last: CircledTakeMessage | undefined;

  constructor(
    private readonly shotUri: vscode.Uri,
    private readonly webview: vscode.Webview,
    private readonly post: (msg: CircledTakeMessage) => void,
    private readonly log: Log,
    private readonly takeChanges: TakeChanges,
  ) {
    super();
    this.outputDir = outputDirOf(shotUri);
    this.watch();
    this.register(takeChanges.onDidChange(uri => uri.toString() === shotUri.toString() && void this.refresh()));
    this.register({ dispose: () => this.watcher?.dispose() });
    this.register(
      onDidChangeSetting(
        'output.folder',
        () => {
          this.outputDir = outputDirOf(shotUri);
          this.watch();
          void this.refresh();
        },
        shotUri,
      ),
    );
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()));
  }

  private watch(): void {
    this.watcher?.dispose();
    if (this.shotUri.scheme !== 'file') {
      return;
    }
    this.watcher = this.takeChanges.onOutputChange(this.shotUri.fsPath, this.outputDir, () => void this.refresh());
  }

  /** Reads the takes again and sends the result; bursts of file events make one read at a time. */
  refresh(): Promise<void> {
    return this.reader.run();
  }

  private async send(): Promise<void> {
    if (this.isDisposed || this.shotUri.scheme !== 'file') {
      return;
    }
    const takes = await takesOfShot(this.outputDir, this.shotUri.fsPath, { roots: readRootsFor(this.shotUri.fsPath) });
    const circled = takes.find(t => t.selected);
    const msg = circledTakeSummary(takes, circled ? await this.thumbSrc(circled) : undefined);
    if (!this.isDisposed) {
      this.last = msg;
      this.post(msg);
    }
  }

  /** The clip's webview URI, only when its real path is inside a workspace folder (clip-boundary.ts). */
  private async thumbSrc(take: ShotTake): Promise<string | undefined> {
    const clip = take.record.status === 'done' ? take.record.clipPath : undefined;
    if (!clip) {
      return undefined;
    }
    // The workspace folders only: they are all this page's localResourceRoots serve.
    const checked = await checkClip(clip, workspaceRoots());
    return checked.kind === 'inside' ? clipWebviewSrc(this.webview, clip, checked) : undefined;
  }
}
