import * as vscode from 'vscode';
import { claimToFollow, isFinal, readTakeRecord, waitForTakeLock, writeTakeRecord, type TakeLock, type TakeRecord } from '../../takes';
import { notificationText } from '../../core/ui-text';
import type { Job, JobRegistry } from '../common/jobs';
import { readRootsFor } from '../common/take-index';
import type { Log } from '../log';
import type { Connection, ProviderService } from '../provider/provider-service';
import { errorText } from '../../core/error-text';
import { shortPath, type JobState } from './job-state';

/**
 * Resume and take-over: a journalled take is claimed through the take session (lock, then the
 * record as it is now) and followed here, or left to the live window that follows it and taken
 * over once that window lets it go.
 */
export class TakeOver {
  constructor(
    private readonly jobs: JobRegistry<JobState>,
    private readonly provider: Pick<ProviderService, 'connectionFor'>,
    private readonly log: Log,
    private readonly run: (
      w: { kind: 'resume'; recordPath: string; record: TakeRecord; lock: TakeLock },
      shotUri: vscode.Uri,
      conn: Connection,
    ) => Job,
    /** Aborted when the service goes: no more waiting to take a take over. */
    private readonly disposing: AbortSignal,
  ) {}

  /**
   * Continues a journalled take; returns undefined when it cannot be continued from here. `record`
   * is only the listing's snapshot: the take session claims it (lock, then the record as it is now).
   */
  async resume(recordPath: string, record: TakeRecord, shotUri: vscode.Uri): Promise<Job | undefined> {
    if (isFinal(record) || this.jobs.isRunning(recordPath)) {
      return this.jobs.get(recordPath);
    }
    const d = await claimToFollow(recordPath, {
      canFollow: () => true,
      note: m => this.noteUncertain(shotUri, m),
      roots: readRootsFor(shotUri.fsPath),
    });
    if (d?.kind === 'outcome' && d.status === 'skipped' && !d.record) {
      this.log.info(`take ${shortPath(recordPath)}: ${d.detail}; this window takes over if that one closes`);
      void this.resumeWhenFree(recordPath, shotUri);
      return undefined;
    }
    if (d?.kind === 'outcome') {
      this.log.warn(`take ${shortPath(recordPath)}: not resumed: ${d.detail}`);
    }
    return d?.kind === 'resume' ? this.followClaimed(recordPath, d.record, shotUri, d.lock) : undefined;
  }

  private noteUncertain(shotUri: vscode.Uri, message: string): void {
    this.log.warn(message);
    void vscode.window.showErrorMessage(
      notificationText(vscode.l10n.t('Kling: {0} has an unknown outcome: {1}', shortPath(shotUri.fsPath), message)),
    );
  }

  /** The other follower of a take went away (or finished): pick it up from what it left on disk. */
  private async resumeWhenFree(recordPath: string, shotUri: vscode.Uri): Promise<void> {
    try {
      const lock = await waitForTakeLock(recordPath, { signal: this.disposing });
      if (!lock) {
        return;
      }
      await lock.release();
      if (!this.disposing.aborted) {
        await this.resume(recordPath, await readTakeRecord(recordPath, { roots: readRootsFor(shotUri.fsPath) }), shotUri);
      }
    } catch (e) {
      this.log.error(`take ${shortPath(recordPath)}: could not take over: ${errorText(e)}`);
    }
  }

  /** A claimed take: followed here when its queue is ours, else released with the reason recorded. */
  private async followClaimed(recordPath: string, record: TakeRecord, shotUri: vscode.Uri, lock: TakeLock): Promise<Job | undefined> {
    try {
      if (this.jobs.isRunning(recordPath)) {
        await lock.release();
        return this.jobs.get(recordPath);
      }
      const conn = await this.provider.connectionFor(record.statusUrl);
      if (conn === 'simulator-gone' || conn === 'foreign-host') {
        const message =
          conn === 'simulator-gone'
            ? vscode.l10n.t(
                'This take ran on the offline simulator of an earlier VS Code session; simulated jobs end with their session (nothing was paid).',
              )
            : vscode.l10n.t(
                'This record points at {0}, which is not the configured fal queue; it was not resumed (the API key is only sent to the configured queue).',
                safeOrigin(record.statusUrl),
              );
        if (conn === 'simulator-gone') {
          await writeTakeRecord(recordPath, {
            ...record,
            status: 'failed',
            updatedAt: new Date().toISOString(),
            error: { kind: 'not-resumable', message },
          });
        }
        await lock.release();
        this.log.warn(`take ${shortPath(recordPath)}: ${message}`);
        return undefined;
      }
      return this.run({ kind: 'resume', recordPath, record, lock }, shotUri, conn);
    } catch (e) {
      await lock.release();
      throw e;
    }
  }
}

function safeOrigin(u: string | undefined): string {
  try {
    return u ? new URL(u).origin : '(none)';
  } catch {
    return '(invalid URL)';
  }
}
