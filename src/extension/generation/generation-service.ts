import * as vscode from 'vscode';
import { applyCancelOutcome, type CancelOutcome, type FalClient, type Progress } from '../../client';
import {
  claimToFollow,
  isFinal,
  readTakeRecord,
  runTake,
  stampPhase,
  waitForTakeLock,
  writeTakeRecord,
  type TakeLock,
  type TakeRecord,
  type TakeRun,
  type TakeStatus,
  type TakeWork,
} from '../../takes';
import { Disposable } from '../dispose';
import { readRootsFor } from '../takes/take-index';
import { createLazyFalClient } from '../lazy-bundles';
import type { Log } from '../log';
import type { Connection, ProviderService } from '../provider/provider-service';
import type { ProviderKind } from '../settings/readers';
import { httpProxySettings } from '../settings/settings';
import { shorten } from './progress-text';
import { notificationText } from '../../core/ui-text';
import { errorText } from '../../core/error-text';

export interface Job {
  /** Stable key for the UI: the record path (one job per take record). */
  readonly key: string;
  readonly shotUri: vscode.Uri;
  readonly recordPath: string;
  readonly provider: ProviderKind;
  readonly startedAt: number;
  readonly resumed: boolean;
  record: TakeRecord | undefined;
  status: TakeStatus;
  phase: Progress['phase'];
  queuePosition: number | undefined;
  lastLog: string | undefined;
  cancelRequested: boolean;
  /** Settles with the last record when the job stops (final or not), never rejects. */
  readonly done: Promise<TakeRecord | undefined>;
}

interface JobState extends Job {
  controller: AbortController;
  client: FalClient;
  /** The take session's run of this take (its journal: serialized, atomic, retried writes). */
  run: TakeRun | undefined;
  cancelInfo: { outcome: string; at: string } | undefined;
  /** The host is going away: leave the record as it is so the next activation resumes it. */
  shuttingDown: boolean;
  /** Held while this window follows the take, so another window on the folder does not. */
  lock: TakeLock;
  /** When progress was last announced (byte-only progress is throttled). */
  lastFired: number;
}

/** After fal says "cancelled", the runner should see the cancelled result quickly; this long at most. */
const CANCEL_SETTLE_MS = 20_000;
/** How long shutting down waits for a submit already on the wire to come back with its request id. */
const SUBMIT_GRACE_MS = 3_000;
const PROGRESS_EVERY_MS = 250;

/**
 * Runs and tracks takes. Every record the client produces is written to the take record file
 * (the journal) before the client moves on, so a crash at any point leaves a resumable record.
 */
export class GenerationService extends Disposable {
  private readonly jobs = new Map<string, JobState>();
  private readonly clients = new Map<string, FalClient>();
  private readonly disposing = new AbortController();
  private readonly changed = this.register(new vscode.EventEmitter<Job | undefined>());
  /** A job started, progressed or ended (undefined: the list changed). */
  readonly onDidChange = this.changed.event;
  private readonly finished = this.register(new vscode.EventEmitter<{ job: Job; record: TakeRecord | undefined; error?: unknown }>());
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly provider: ProviderService,
    private readonly log: Log,
    private readonly storageDir: vscode.Uri | undefined,
  ) {
    super();
  }

  get running(): readonly Job[] {
    return [...this.jobs.values()];
  }
  get(key: string): Job | undefined {
    return this.jobs.get(key);
  }
  isRunning(recordPath: string): boolean {
    return this.jobs.has(recordPath);
  }
  runningFor(shotUri: vscode.Uri): Job[] {
    return this.running.filter(j => j.shotUri.toString() === shotUri.toString());
  }

  /**
   * Runs a take the take session planned and reserved (`new`) or claimed (`resume`) on this
   * connection; the lock it holds is released when the take stops being followed here.
   */
  run(w: Extract<TakeWork, { kind: 'new' | 'resume' }>, shotUri: vscode.Uri, conn: Connection): Job {
    const client = this.clientFor(conn);
    const resumed = w.kind === 'resume';
    const state = this.newState(w.recordPath, shotUri, conn.kind, client, resumed, resumed ? w.record : undefined, w.lock);
    this.log.info(
      resumed
        ? `take ${shortPath(w.recordPath)}: resuming ${w.record.requestId ?? '(no request id)'} from '${w.record.status}'`
        : `take ${shortPath(w.recordPath)}: ${w.record.endpointId} on ${conn.kind === 'simulator' ? 'the offline simulator' : new URL(conn.queueUrl).host}`,
    );
    state.run = runTake(w, client, this.hooks(state));
    this.track(state, state.run);
    return state;
  }

  /**
   * Continues a journalled take; returns undefined when it cannot be continued from here. `record`
   * is only the listing's snapshot: the take session claims it (lock, then the record as it is now).
   */
  async resume(recordPath: string, record: TakeRecord, shotUri: vscode.Uri): Promise<Job | undefined> {
    if (isFinal(record) || this.jobs.has(recordPath)) {
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
      const lock = await waitForTakeLock(recordPath, { signal: this.disposing.signal });
      if (!lock) {
        return;
      }
      await lock.release();
      if (!this.disposing.signal.aborted) {
        await this.resume(recordPath, await readTakeRecord(recordPath, { roots: readRootsFor(shotUri.fsPath) }), shotUri);
      }
    } catch (e) {
      this.log.error(`take ${shortPath(recordPath)}: could not take over: ${errorText(e)}`);
    }
  }

  /** A claimed take: followed here when its queue is ours, else released with the reason recorded. */
  private async followClaimed(recordPath: string, record: TakeRecord, shotUri: vscode.Uri, lock: TakeLock): Promise<Job | undefined> {
    try {
      if (this.jobs.has(recordPath)) {
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

  /**
   * Cancel = ask fal to cancel. Before the take is journalled (uploading) nothing was sent, so
   * aborting is enough; while the submit is in flight the cancel waits for the request id, because
   * aborting then would leave a paid job we could not name.
   */
  async cancel(key: string): Promise<CancelOutcome | 'pending' | undefined> {
    const s = this.jobs.get(key);
    if (!s) {
      return undefined;
    }
    s.cancelRequested = true;
    this.changed.fire(s);
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

  private async cancelOnServer(s: JobState): Promise<CancelOutcome> {
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
      this.changed.fire(s);
      throw e;
    }
    this.log.info(`take ${shortPath(s.recordPath)}: cancel ${rec.requestId} → ${outcome}`);
    const updated = applyCancelOutcome(s.record ?? rec, outcome);
    s.cancelInfo = updated.cancel;
    await this.write(s, updated);
    if (outcome === 'cancelled') {
      // The runner learns it from the result call; if it does not within the grace period, stop it.
      const t = setTimeout(() => {
        if (this.jobs.has(s.key)) {
          s.controller.abort();
        }
      }, CANCEL_SETTLE_MS);
      void s.done.finally(() => clearTimeout(t));
    }
    return outcome;
  }

  private newState(
    recordPath: string,
    shotUri: vscode.Uri,
    provider: ProviderKind,
    client: FalClient,
    resumed: boolean,
    record: TakeRecord | undefined,
    lock: TakeLock,
  ): JobState {
    let resolveDone!: (r: TakeRecord | undefined) => void;
    const done = new Promise<TakeRecord | undefined>(r => {
      resolveDone = r;
    });
    const s: JobState = {
      key: recordPath,
      shotUri,
      recordPath,
      provider,
      startedAt: Date.now(),
      resumed,
      record,
      status: record?.status ?? 'submitting',
      phase: 'submitting',
      queuePosition: record?.queuePosition,
      lastLog: record?.logs?.at(-1)?.message,
      cancelRequested: false,
      done,
      controller: new AbortController(),
      client,
      run: undefined,
      cancelInfo: record?.cancel,
      shuttingDown: false,
      lock,
      lastFired: 0,
    };
    (s as { resolveDone?: typeof resolveDone }).resolveDone = resolveDone;
    this.jobs.set(recordPath, s);
    this.changed.fire(undefined);
    return s;
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
      onProgress: (p: Progress) => {
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
        this.changed.fire(s);
      },
    };
  }

  /** Each record as the take session journals it (it is written right after this). */
  private onRecord(s: JobState, merged: TakeRecord): void {
    const previous = s.record;
    s.record = merged;
    s.status = merged.status;
    if (merged.status !== previous?.status) {
      this.log.info(`take ${shortPath(s.recordPath)}: ${merged.status}${merged.requestId ? ` (${merged.requestId})` : ''}`);
    }
    this.changed.fire(s);
    if (s.cancelRequested && merged.cancelUrl && !previous?.cancelUrl && !s.cancelInfo) {
      void this.cancelOnServer(s).catch(() => undefined);
    }
  }

  /** Through the take's journal, so an older state can never land after a newer one. */
  private async write(s: JobState, rec: TakeRecord): Promise<void> {
    await s.run?.journal.write(rec);
  }

  private track(s: JobState, run: TakeRun): void {
    const settle = (record: TakeRecord | undefined, error?: unknown) => {
      void run.journal
        .flushed()
        .then(() => s.lock.release())
        .catch(() => undefined)
        .then(() => {
          this.jobs.delete(s.key);
          (s as { resolveDone?: (r: TakeRecord | undefined) => void }).resolveDone?.(record);
          this.changed.fire(undefined);
          if (!s.shuttingDown) {
            this.finished.fire({ job: s, record, ...(error !== undefined && { error }) });
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
          void this.write(s, rec);
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

  private clientFor(conn: Connection): FalClient {
    const key = `${conn.kind}|${conn.queueUrl}|${conn.storageUrl}`;
    let c = this.clients.get(key);
    if (!c) {
      const { proxy, noProxy } = httpProxySettings();
      c = createLazyFalClient({
        queueUrl: conn.queueUrl,
        storageUrl: conn.storageUrl,
        credentials: conn.credentials,
        // The in-process simulator is on loopback: never route it through a proxy from the env.
        ...(conn.kind === 'simulator' && { proxyEnv: {} }),
        ...(proxy && conn.kind === 'fal' && { proxy }),
        ...(noProxy.length && { noProxy: noProxy.join(',') }),
        ...(this.storageDir && { uploadCacheFile: vscode.Uri.joinPath(this.storageDir, 'upload-cache.json').fsPath }),
        logger: { debug: m => this.log.debug(m), info: m => this.log.info(m), warn: m => this.log.warn(m), error: m => this.log.error(m) },
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /**
   * What a dying extension host does to its jobs: stop watching without cancelling on fal, so the
   * records stay non-final and the next activation resumes them. Also used by the tests to
   * simulate a restart.
   */
  async stopWatching(): Promise<void> {
    const jobs = [...this.jobs.values()];
    // A submit in flight is let through and journalled first: aborting it could leave a paid job
    // whose request id we never learn. VS Code gives deactivate a few seconds; stay well inside.
    const submitting = () => jobs.some(s => s.record?.status === 'submitting' && !s.record.requestId && this.jobs.has(s.key));
    for (const t0 = Date.now(); submitting() && Date.now() - t0 < SUBMIT_GRACE_MS;) {
      await new Promise(r => setTimeout(r, 25));
    }
    await Promise.all(jobs.map(s => s.run?.journal.flushed()));
    for (const s of jobs) {
      s.shuttingDown = true;
      s.controller.abort();
    }
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(jobs.map(s => s.done));
    await Promise.all(clients.map(c => c.close().catch(() => undefined)));
  }

  override dispose(): void {
    this.disposing.abort();
    void this.stopWatching();
    super.dispose();
  }
}

function shortPath(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}
function safeOrigin(u: string | undefined): string {
  try {
    return u ? new URL(u).origin : '(none)';
  } catch {
    return '(invalid URL)';
  }
}
