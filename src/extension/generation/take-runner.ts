import * as vscode from 'vscode';
import type { Progress } from '../../client';
import { isFinal, runTake, stampPhase, type TakeRecord, type TakeRun, type TakeWork } from '../../takes';
import { notificationText } from '../../core/ui-text';
import type { Job, JobRegistry } from '../common/jobs';
import { shorten } from '../common/progress-text';
import type { Log } from '../log';
import type { Connection } from '../provider/provider-service';
import type { FalClients } from './fal-clients';
import { errorText } from '../../core/error-text';
import { journalWrite, newJobState, shortPath, type JobState } from './job-state';

const PROGRESS_EVERY_MS = 250;

/**
 * Runs one take through the take session's `runTake` and follows it: every record the client
 * produces is journalled before the client moves on, progress reaches the views a few times a
 * second, and the job leaves the registry once its journal is flushed and its lock let go.
 */
export class TakeRunner {
  constructor(
    private readonly jobs: JobRegistry<JobState>,
    private readonly clients: FalClients,
    private readonly log: Log,
    /** fal just named the cancel URL of a take whose cancel was asked before it had one. */
    private readonly cancelNow: (s: JobState) => void,
  ) {}

  /**
   * Runs a take the take session planned and reserved (`new`) or claimed (`resume`) on this
   * connection; the lock it holds is released when the take stops being followed here.
   */
  run(w: Extract<TakeWork, { kind: 'new' | 'resume' }>, shotUri: vscode.Uri, conn: Connection): Job {
    const client = this.clients.for(conn);
    const resumed = w.kind === 'resume';
    const state = newJobState({
      recordPath: w.recordPath,
      shotUri,
      provider: conn.kind,
      client,
      resumed,
      record: resumed ? w.record : undefined,
      lock: w.lock,
    });
    this.jobs.add(state);
    this.log.info(
      resumed
        ? `take ${shortPath(w.recordPath)}: resuming ${w.record.requestId ?? '(no request id)'} from '${w.record.status}'`
        : `take ${shortPath(w.recordPath)}: ${w.record.endpointId} on ${conn.kind === 'simulator' ? 'the offline simulator' : new URL(conn.queueUrl).host}`,
    );
    state.run = runTake(w, client, this.hooks(state));
    this.track(state, state.run);
    return state;
  }

  private hooks(s: JobState) {
    return {
      signal: s.controller.signal,
      // A cancel outcome recorded by us must survive the runner's later records.
      amend: (rec: TakeRecord): TakeRecord => (s.cancelInfo && !rec.cancel ? { ...rec, cancel: s.cancelInfo } : rec),
      onRecord: (rec: TakeRecord) => this.onRecord(s, rec),
      onLost: (message: string) => {
        this.log.error(message);
        void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: {0}', message)));
      },
      // Logged before the record is written: whatever happens to the disk, the paid id is on record.
      onSubmitted: (r: { requestId: string; endpointId: string }) =>
        this.log.info(`take ${shortPath(s.recordPath)}: submitted, request id ${r.requestId} (${r.endpointId})`),
      onProgress: (p: Progress) => this.onProgress(s, p),
    };
  }

  private onProgress(s: JobState, p: Progress): void {
    const before = `${s.phase}|${s.status}|${s.queuePosition}|${s.lastLog}`;
    s.phase = p.phase;
    if (p.phase !== 'final') {
      s.status = p.status;
    }
    s.queuePosition = p.queuePosition;
    const last = p.newLogs?.at(-1)?.message;
    if (last) {
      s.lastLog = shorten(last, 120);
    }
    if (p.newLogs?.length) {
      for (const l of p.newLogs) {
        this.log.debug(`take ${shortPath(s.recordPath)} [${s.record?.requestId ?? '…'}] ${l.message}`);
      }
    }
    // Downloads report every chunk; listeners (panel, tree, status bar) need a few a second.
    const now = Date.now();
    if (before === `${s.phase}|${s.status}|${s.queuePosition}|${s.lastLog}` && now - s.lastFired < PROGRESS_EVERY_MS) {
      return;
    }
    s.lastFired = now;
    this.jobs.changed(s);
  }

  /** Each record as the take session journals it (it is written right after this). */
  private onRecord(s: JobState, merged: TakeRecord): void {
    const previous = s.record;
    s.record = merged;
    s.status = merged.status;
    if (merged.status !== previous?.status) {
      this.log.info(`take ${shortPath(s.recordPath)}: ${merged.status}${merged.requestId ? ` (${merged.requestId})` : ''}`);
    }
    this.jobs.changed(s);
    if (s.cancelRequested && merged.cancelUrl && !previous?.cancelUrl && !s.cancelInfo) {
      this.cancelNow(s);
    }
  }

  private track(s: JobState, run: TakeRun): void {
    const settle = (record: TakeRecord | undefined, error?: unknown) => {
      void run.journal
        .flushed()
        .then(() => s.lock.release())
        .catch(() => undefined)
        .then(() => {
          this.jobs.drop(s);
          s.resolveDone(record);
          this.jobs.changed();
          if (!s.shuttingDown) {
            this.jobs.finished({ job: s, record, ...(error !== undefined && { error }) });
          }
        });
    };
    const succeeded = (rec: TakeRecord) => {
      s.record = s.cancelInfo && !rec.cancel ? { ...rec, cancel: s.cancelInfo } : rec;
      s.status = s.record.status;
      const cost = rec.costEstimateUsd !== undefined && s.provider === 'fal' ? ` · est. $${rec.costEstimateUsd.toFixed(2)}` : '';
      this.log.info(
        `take ${shortPath(s.recordPath)}: finished ${rec.status}${rec.requestId ? ` (${rec.requestId})` : ''}${cost}${rec.error ? ` — ${rec.error.message}` : ''}`,
      );
      settle(s.record);
    };
    const stopped = (e: unknown) => {
      if (s.shuttingDown) {
        settle(s.record);
        return;
      }
      if (s.controller.signal.aborted && s.cancelRequested) {
        // Aborted on purpose: either nothing was sent, or fal confirmed the cancel.
        const rec = s.record
          ? stampPhase(s.record, {
              ...s.record,
              status: 'cancelled' as const,
              updatedAt: new Date().toISOString(),
              ...(s.cancelInfo && { cancel: s.cancelInfo }),
            })
          : undefined;
        if (rec) {
          s.record = rec;
          s.status = 'cancelled';
          void journalWrite(s, rec);
        }
        this.log.info(`take ${shortPath(s.recordPath)}: cancelled`);
        settle(rec);
        return;
      }
      this.log.error(
        `take ${shortPath(s.recordPath)}: stopped before the end: ${errorText(e)}${s.record && !isFinal(s.record) ? ' — the take record is kept; "Kling: Resume Unfinished Generations" continues it' : ''}`,
      );
      settle(s.record, e);
    };
    void run.done.then(r => (r.error === undefined && r.record ? succeeded(r.record) : stopped(r.error ?? new Error('stopped'))));
  }
}
