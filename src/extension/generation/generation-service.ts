import type * as vscode from 'vscode';
import type { CancelOutcome } from '../../client';
import type { TakeRecord, TakeWork } from '../../takes';
import { JobRegistry, type Job, type Jobs } from '../common/jobs';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import type { Connection, ProviderService } from '../provider/provider-service';
import { FalClients } from './fal-clients';
import { JobCanceller } from './job-cancel';
import type { JobState } from './job-state';
import { TakeOver } from './take-over';
import { TakeRunner } from './take-runner';

/** How long shutting down waits for a submit already on the wire to come back with its request id. */
const SUBMIT_GRACE_MS = 3_000;

/**
 * Runs and tracks takes. Every record the client produces is written to the take record file
 * (the journal) before the client moves on, so a crash at any point leaves a resumable record.
 * The parts: the job registry (common/jobs.ts), running a take (take-runner.ts), cancel
 * (job-cancel.ts) and resume / take-over (take-over.ts).
 */
export class GenerationService extends Disposable implements Jobs {
  private readonly jobs = this.register(new JobRegistry<JobState>());
  private readonly disposing = new AbortController();
  private readonly clients: FalClients;
  private readonly runner: TakeRunner;
  private readonly canceller: JobCanceller;
  private readonly takeOver: TakeOver;
  readonly onDidChange = this.jobs.onDidChange;
  readonly onDidFinish = this.jobs.onDidFinish;

  constructor(provider: Pick<ProviderService, 'connectionFor'>, log: Log, storageDir: vscode.Uri | undefined) {
    super();
    this.clients = new FalClients(log, storageDir);
    this.canceller = new JobCanceller(this.jobs, log);
    this.runner = new TakeRunner(this.jobs, this.clients, log, s => void this.canceller.cancelOnServer(s).catch(() => undefined));
    this.takeOver = new TakeOver(this.jobs, provider, log, (w, shotUri, conn) => this.run(w, shotUri, conn), this.disposing.signal);
  }

  get running(): readonly Job[] {
    return this.jobs.running;
  }
  get(key: string): Job | undefined {
    return this.jobs.get(key);
  }
  isRunning(recordPath: string): boolean {
    return this.jobs.isRunning(recordPath);
  }
  runningFor(shotUri: vscode.Uri): Job[] {
    return this.jobs.runningFor(shotUri);
  }

  /** Runs a take the take session planned and reserved (`new`) or claimed (`resume`); see TakeRunner. */
  run(w: Extract<TakeWork, { kind: 'new' | 'resume' }>, shotUri: vscode.Uri, conn: Connection): Job {
    return this.runner.run(w, shotUri, conn);
  }

  /** Continues a journalled take, or takes it over when its live follower goes; see TakeOver. */
  resume(recordPath: string, record: TakeRecord, shotUri: vscode.Uri): Promise<Job | undefined> {
    return this.takeOver.resume(recordPath, record, shotUri);
  }

  /** Asks fal to cancel (or aborts a take nothing was sent for); see JobCanceller. */
  cancel(key: string): Promise<CancelOutcome | 'pending' | undefined> {
    return this.canceller.cancel(key);
  }

  /**
   * What a dying extension host does to its jobs: stop watching without cancelling on fal, so the
   * records stay non-final and the next activation resumes them. Also used by the tests to
   * simulate a restart.
   */
  async stopWatching(): Promise<void> {
    const jobs = this.jobs.running;
    // A submit in flight is let through and journalled first: aborting it could leave a paid job
    // whose request id we never learn. VS Code gives deactivate a few seconds; stay well inside.
    const submitting = () => jobs.some(s => s.record?.status === 'submitting' && !s.record.requestId && this.jobs.isRunning(s.key));
    for (const t0 = Date.now(); submitting() && Date.now() - t0 < SUBMIT_GRACE_MS;) {
      await new Promise(r => setTimeout(r, 25));
    }
    await Promise.all(jobs.map(s => s.run?.journal.flushed()));
    for (const s of jobs) {
      s.shuttingDown = true;
      s.controller.abort();
    }
    const closeClients = this.clients.detachAll();
    await Promise.all(jobs.map(s => s.done));
    await closeClients();
  }

  override dispose(): void {
    this.disposing.abort();
    void this.stopWatching();
    super.dispose();
  }
}
