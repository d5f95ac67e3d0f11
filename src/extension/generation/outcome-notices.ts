import * as vscode from 'vscode';
import { notificationText } from '../../core/ui-text';
import { Disposable } from '../dispose';
import type { Job, Jobs } from '../common/jobs';

interface Shown {
  shotUri: vscode.Uri;
  jobKey: string;
  /** When the failed take started, and when its failure was said. */
  startedAt: number;
  at: number;
  close: () => void;
}

/**
 * A take's failure, said once per shot and taken down when it goes stale. A plain error message
 * cannot be closed by an extension: it stayed up after the user retried and a later take of the
 * same shot landed. A progress notification can be (its task settles), so a failure is said as one,
 * and settled when another take of that shot starts (a retry) or the user dismisses it (its
 * Cancel button, the one action a progress notification may have). A newer failure of the shot
 * replaces it, so at most one is up per shot.
 */
export class OutcomeNotices extends Disposable {
  private readonly open = new Map<string, Shown>();

  constructor(private readonly jobs: Jobs) {
    super();
    // A take of the shot started after the failure was said (a retry): the failure is stale.
    this.register(
      jobs.onDidChange(() => {
        for (const [key, shown] of [...this.open]) {
          if (this.jobs.running.some(j => j.shotUri.toString() === key && j.startedAt > shown.at)) this.close(shown.shotUri);
        }
      }),
    );
    this.register({ dispose: () => [...this.open.values()].forEach(n => n.close()) });
  }

  /** The shots whose failure notice is up, for the in-host tests. */
  get shown(): string[] {
    return [...this.open.keys()];
  }

  /** Says a take failed, replacing what was said of its shot before. Both texts may hold file and server text: escaped here. */
  failed(job: Job, title: string, message: string): void {
    const shotUri = job.shotUri;
    this.close(shotUri);
    const key = shotUri.toString();
    let close!: () => void;
    const closed = new Promise<void>(resolve => (close = resolve));
    const entry: Shown = { shotUri, jobKey: job.key, startedAt: job.startedAt, at: Date.now(), close };
    this.open.set(key, entry);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: notificationText(title), cancellable: true },
      (progress, token) => {
        progress.report({ message: notificationText(message) });
        token.onCancellationRequested(() => close());
        return closed.finally(() => {
          if (this.open.get(key) === entry) this.open.delete(key);
        });
      },
    );
  }

  /** A take of the shot landed: a failure of a take started no later than it is stale. */
  landed(job: Job): void {
    const shown = this.open.get(job.shotUri.toString());
    if (shown && shown.jobKey !== job.key && job.startedAt >= shown.startedAt) this.close(job.shotUri);
  }

  /** Takes down the shot's notice, if one is up. */
  close(shotUri: vscode.Uri): void {
    const shown = this.open.get(shotUri.toString());
    this.open.delete(shotUri.toString());
    shown?.close();
  }
}
