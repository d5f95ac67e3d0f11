import * as vscode from 'vscode';
import { applyCancelOutcome, type CancelOutcome } from '../../client';
import { notificationText } from '../../core/ui-text';
import type { JobRegistry } from '../common/jobs';
import type { Log } from '../log';
import { errorText } from '../../core/error-text';
import { journalWrite, shortPath, type JobState } from './job-state';

/** After fal says "cancelled", the runner should see the cancelled result quickly; this long at most. */
const CANCEL_SETTLE_MS = 20_000;

/**
 * Cancel = ask fal to cancel. Before the take is journalled (uploading) nothing was sent, so
 * aborting is enough; while the submit is in flight the cancel waits for the request id, because
 * aborting then would leave a paid job we could not name.
 */
export class JobCanceller {
  constructor(
    private readonly jobs: JobRegistry<JobState>,
    private readonly log: Log,
  ) {}

  async cancel(key: string): Promise<CancelOutcome | 'pending' | undefined> {
    const s = this.jobs.get(key);
    if (!s) {
      return undefined;
    }
    s.cancelRequested = true;
    this.jobs.changed(s);
    if (s.record?.cancelUrl) {
      return this.cancelOnServer(s);
    }
    // No record yet = not journalled = not submitted: the runner checks the signal right after
    // journalling, so aborting now cannot race a submit. Once a record exists, only fal's cancel
    // is safe.
    if (!s.record) {
      this.log.info(`take ${shortPath(s.recordPath)}: cancelled before submit; nothing was sent`);
      s.controller.abort();
      return 'not-submitted';
    }
    this.log.info(`take ${shortPath(s.recordPath)}: cancel requested during submit; will cancel as soon as fal returns the request id`);
    return 'pending';
  }

  async cancelOnServer(s: JobState): Promise<CancelOutcome> {
    const rec = s.record!;
    let outcome: CancelOutcome;
    try {
      outcome = await s.client.cancel(rec);
    } catch (e) {
      this.log.error(`take ${shortPath(s.recordPath)}: cancel of ${rec.requestId} failed: ${errorText(e)}`);
      void vscode.window.showErrorMessage(
        notificationText(vscode.l10n.t('Kling: could not cancel {0}: {1}', rec.requestId ?? '', errorText(e))),
      );
      s.cancelRequested = false;
      this.jobs.changed(s);
      throw e;
    }
    this.log.info(`take ${shortPath(s.recordPath)}: cancel ${rec.requestId} → ${outcome}`);
    const updated = applyCancelOutcome(s.record ?? rec, outcome);
    s.cancelInfo = updated.cancel;
    await journalWrite(s, updated);
    if (outcome === 'cancelled') {
      // The runner learns it from the result call; if it does not within the grace period, stop it.
      const t = setTimeout(() => {
        if (this.jobs.isRunning(s.key)) {
          s.controller.abort();
        }
      }, CANCEL_SETTLE_MS);
      void s.done.finally(() => clearTimeout(t));
    }
    return outcome;
  }
}
