import * as vscode from 'vscode';
import type { Progress } from '../../client';
import type { Provider, TakeRecord, TakeStatus } from '../../takes';
import { Disposable } from '../dispose';

/** A take this window runs or follows, as every view shows it. */
export interface Job {
  /** Stable key for the UI: the record path (one job per take record). */
  readonly key: string;
  readonly shotUri: vscode.Uri;
  readonly recordPath: string;
  readonly provider: Provider;
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

/** How a job ended: its last record, and the error when it stopped before the end. */
export interface JobFinished {
  job: Job;
  record: TakeRecord | undefined;
  error?: unknown;
}

/** What the views (takes panel, sequence editor, tree, status bar, CodeLens) read of the running jobs. */
export interface Jobs {
  readonly running: readonly Job[];
  get(key: string): Job | undefined;
  isRunning(recordPath: string): boolean;
  runningFor(shotUri: vscode.Uri): Job[];
  /** A job started, progressed or ended (undefined: the list changed). */
  readonly onDidChange: vscode.Event<Job | undefined>;
  /** A job ended (not fired for the jobs a closing window stops following). */
  readonly onDidFinish: vscode.Event<JobFinished>;
}

/**
 * The running jobs and their events. The generation service adds and drops jobs; everything else
 * only reads them, through `Jobs`.
 */
export class JobRegistry<S extends Job = Job> extends Disposable implements Jobs {
  private readonly jobs = new Map<string, S>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<Job | undefined>());
  readonly onDidChange = this.changedEmitter.event;
  private readonly finishedEmitter = this.register(new vscode.EventEmitter<JobFinished>());
  readonly onDidFinish = this.finishedEmitter.event;

  get running(): readonly S[] {
    return [...this.jobs.values()];
  }
  get(key: string): S | undefined {
    return this.jobs.get(key);
  }
  isRunning(recordPath: string): boolean {
    return this.jobs.has(recordPath);
  }
  runningFor(shotUri: vscode.Uri): S[] {
    return this.running.filter(j => j.shotUri.toString() === shotUri.toString());
  }

  /** Lists a job that starts, and tells the listeners the list changed. */
  add(job: S): void {
    this.jobs.set(job.key, job);
    this.changedEmitter.fire(undefined);
  }

  /** Unlists a job that stopped; `changed()` and `finished()` tell the listeners. */
  drop(job: S): void {
    this.jobs.delete(job.key);
  }

  changed(job?: S): void {
    this.changedEmitter.fire(job);
  }

  finished(e: JobFinished): void {
    this.finishedEmitter.fire(e);
  }
}

/** The jobs with their cancel: what the takes panel's Cancel button needs. */
export interface JobControl extends Jobs {
  /** Asks fal to cancel the job (or aborts it when nothing was sent yet). */
  cancel(key: string): Promise<unknown>;
}
