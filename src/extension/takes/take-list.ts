import * as vscode from 'vscode';
import type { TakeView } from '../../shared/takes-messages';
import { jobProgress } from '../common/progress-text';
import type { TakeClips } from './take-clips';
import { takeDetailsOf } from './take-details';
import { newestFirst } from '../../takes';
import { clipRootsFor, takesForShot, type TakeEntry } from '../common/take-index';
import type { TakeMediaViews } from './take-media';
import { takeViewOf } from '../common/take-view';
import type { TakesPanelScope } from './takes-panel-scope';

/**
 * The takes of the panel's shot as it lists them, newest first: each record as read from the disk
 * (or as its running job has it now), the circle, the clip the player may load, the thumbnails of
 * its media. The entries of the last read are what the webview's ids are looked up in.
 */
type ListedTake = TakeEntry & { selected: boolean };

export class TakeList {
  private entries: ListedTake[] = [];

  constructor(
    private readonly scope: TakesPanelScope,
    private readonly media: TakeMediaViews,
    private readonly clips: TakeClips,
    private readonly webview: () => vscode.Webview,
  ) {}

  get all(): readonly TakeEntry[] {
    return this.entries;
  }

  /** Ids from the webview are only looked up here, never used as paths. */
  find(id: string): TakeEntry | undefined {
    return this.entries.find(e => e.record.id === id);
  }

  /** The panel now shows another shot: nothing of the old one may be acted on. */
  clear(): void {
    this.entries = [];
  }

  async read(): Promise<{ takes: TakeView[]; desktop: boolean }> {
    const { shotUri, deps } = this.scope;
    // The listing carries the circle and the numbers: takesOfShot reads the selection with the takes.
    const listed: ListedTake[] = await takesForShot(shotUri);
    const jobs = deps.service.runningFor(shotUri);
    const running = new Map(jobs.map(j => [j.recordPath, j]));
    // A job this window runs stays listed even while the disk does not show its record (not
    // written yet, or read at the wrong moment): a refresh must never drop a live row.
    const onDisk = new Set(listed.map(e => e.path));
    const live = jobs
      .filter(j => j.record && !onDisk.has(j.recordPath))
      .map((j): ListedTake => ({
        path: j.recordPath,
        record: j.record!,
        selected: false,
        ...(j.record!.number !== undefined && { number: j.record!.number }),
      }));
    const entries = [...listed, ...live].sort(newestFirst);
    this.entries = entries;
    const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
    const ffmpeg = desktop ? await this.clips.ffmpeg() : undefined;
    const roots = clipRootsFor(shotUri.fsPath);
    const takes: TakeView[] = [];
    for (const e of entries) {
      const job = running.get(e.path);
      const view: TakeView = {
        ...takeViewOf(job?.record ?? e.record),
        ...(e.number !== undefined && { number: e.number }),
        running: !!job,
        circled: e.selected,
        details: { ...takeDetailsOf(job?.record ?? e.record), media: this.media.views(this.webview(), shotUri, e.record) },
      };
      if (job) {
        view.status = job.status;
        view.progress = jobProgress(job);
      }
      takes.push({ ...view, ...(await this.clips.fields(e.record, roots, desktop, ffmpeg)) });
    }
    return { takes, desktop };
  }
}
