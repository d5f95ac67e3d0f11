// The simulator's queue: jobs move IN_QUEUE → IN_PROGRESS → COMPLETED on timers, with a limited
// number of runners (fal's per-account concurrency), phantom jobs ahead (queue length), logs while
// running, and the result kept only for the retention window. fal has no FAILED state: a job whose
// body breaks the schema still ends COMPLETED and its result call answers 422.
import { createHash, randomUUID } from 'node:crypto';
import { clipSpecForRequest, makeClip, type Clip } from './clip';
import { requestMedia, type RequestMedia } from './request-media';
import type { SimStorage, StoredFile } from './storage';
import type { FalValidationDetail } from '../core';
import { validateBody } from './validate';
import { errorText, lookupEndpoint } from '../core';

export type JobState = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';
export interface LogEntry {
  message: string;
  level: 'INFO' | 'STDERR' | 'STDOUT' | 'ERROR' | 'WARN' | 'DEBUG';
  source: 'USER';
  timestamp: string;
}
export interface SimResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface Timing {
  /** Jobs IN_PROGRESS at once (fal: 2 for new accounts); the rest wait IN_QUEUE. */
  runners: number;
  /** Minimum time a job spends IN_QUEUE even with a free runner. */
  queueDelayMs: number;
  /** Time IN_PROGRESS before COMPLETED. */
  processingMs: number;
  /** Phantom jobs of other users ahead of every new job (queue length). */
  queueAhead: number;
  /** How fast the phantom jobs ahead drain, one per step. */
  queueStepMs: number;
  /** A progress log line while running, this often. */
  logEveryMs: number;
  /** SSE keep-alive comment interval (fal: 15 s). */
  keepAliveMs: number;
  /** Result retention after completion (fal: 1 h; 6 min when the result is ≥ 10 KB). */
  retentionMs: number;
  largeResultRetentionMs: number;
  /** What a runner does with a cancel signal: fal says it may or may not stop. */
  cancelInProgress: 'stops' | 'ignored';
  /** Scenario speed: every wait above is divided by it (10 = ten times faster). */
  speed: number;
}

export function defaultTiming(): Timing {
  return {
    runners: 2,
    queueDelayMs: 800,
    processingMs: 6000,
    queueAhead: 0,
    queueStepMs: 500,
    logEveryMs: 1000,
    keepAliveMs: 15_000,
    retentionMs: 3_600_000,
    largeResultRetentionMs: 360_000,
    cancelInProgress: 'stops',
    speed: 1,
  };
}

/** No waiting anywhere: what tests and benchmarks use. */
export function instantTiming(): Partial<Timing> {
  return { runners: Number.POSITIVE_INFINITY, queueDelayMs: 0, processingMs: 0, queueAhead: 0, queueStepMs: 0, logEveryMs: 0 };
}

/** Lets a scenario decide a job's outcome from its body (e.g. a content-policy failure). */
export type OutcomeHook = (endpointId: string, body: Record<string, unknown>) => SimResult | undefined;

export interface SimJob {
  id: string;
  endpointId: string;
  appPath: string;
  body: unknown;
  state: JobState;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  phantomAhead: number;
  logs: LogEntry[];
  result?: SimResult;
  resultExpiresAt?: number;
  clip?: Clip;
  /** The clip being made for this job, from submit on. */
  making?: Promise<Clip>;
  file?: StoredFile;
  cancel?: 'queued' | 'in-progress';
  listeners: Set<() => void>;
  timers: NodeJS.Timeout[];
}

/** `fal-ai/kling-video/v3/pro/text-to-video` → `fal-ai/kling-video` (fal's parseEndpointId). */
export function appPathOf(endpointId: string): string {
  const parts = endpointId.split('/');
  return ['workflows', 'comfy'].includes(parts[0] ?? '') ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

const ERROR_MAGIC = /\[sim:error=([a-z_]+)\]/;

export class SimQueue {
  readonly jobs = new Map<string, SimJob>();
  private readonly waiting: SimJob[] = [];
  private running = 0;
  private closed = false;
  private readonly media: RequestMedia;
  apiUrl = '';

  constructor(
    readonly timing: Timing,
    private readonly storage: SimStorage,
    private readonly isExpired: () => boolean,
    private readonly validate: (endpointId: string, body: unknown) => FalValidationDetail[] = validateBody,
    private readonly outcome?: OutcomeHook,
  ) {
    this.media = requestMedia(storage);
  }

  urls(job: SimJob): { response_url: string; status_url: string; cancel_url: string } {
    const base = `${this.apiUrl}/${job.appPath}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  submit(endpointId: string, body: unknown): SimJob {
    const job: SimJob = {
      id: randomUUID(),
      endpointId,
      appPath: appPathOf(endpointId),
      body,
      state: 'IN_QUEUE',
      createdAt: Date.now(),
      phantomAhead: this.timing.queueAhead,
      logs: [],
      listeners: new Set(),
      timers: [],
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    // Encode while the job waits, so completion is not held up by the encoder.
    if (this.validate(endpointId, body).length === 0 && !answersVoice(endpointId)) this.clipOf(job).catch(() => undefined);
    if (job.phantomAhead > 0) this.drainPhantoms(job);
    queueMicrotask(() => this.pump());
    return job;
  }

  position(job: SimJob): number {
    return job.state === 'IN_QUEUE' ? job.phantomAhead + Math.max(0, this.waiting.indexOf(job)) : 0;
  }

  statusBody(job: SimJob, logs: LogEntry[] | null): Record<string, unknown> {
    const base: Record<string, unknown> = { status: job.state, request_id: job.id, ...this.urls(job) };
    if (job.state === 'IN_QUEUE') base.queue_position = this.position(job);
    if (logs) base.logs = logs;
    if (job.state === 'COMPLETED')
      base.metrics = { inference_time: job.startedAt && job.completedAt ? (job.completedAt - job.startedAt) / 1000 : null };
    return base;
  }

  /** The result as the result call must answer it now, or undefined when it is gone (retention). */
  resultOf(job: SimJob): SimResult | undefined {
    if (job.state !== 'COMPLETED' || !job.result) return undefined;
    if (this.isExpired() || (job.resultExpiresAt !== undefined && Date.now() > job.resultExpiresAt)) return undefined;
    return job.result;
  }

  cancel(job: SimJob): { status: number; body: { status: string } } {
    if (job.state === 'COMPLETED') return { status: 400, body: { status: 'ALREADY_COMPLETED' } };
    if (job.state === 'IN_QUEUE') {
      job.cancel = 'queued';
      const i = this.waiting.indexOf(job);
      if (i >= 0) this.waiting.splice(i, 1);
      this.complete(job, cancelledResult());
      this.notifyAll();
      return { status: 200, body: { status: 'OK' } };
    }
    job.cancel = 'in-progress';
    if (this.timing.cancelInProgress === 'stops') {
      this.clearTimers(job);
      this.addLog(job, 'Cancellation requested; stopping the runner.');
      queueMicrotask(() => {
        if (job.state === 'IN_PROGRESS') {
          this.running--;
          this.complete(job, cancelledResult());
          this.pump();
        }
      });
    } else {
      this.addLog(job, 'Cancellation requested; the runner did not stop.');
    }
    return { status: 202, body: { status: 'CANCELLATION_REQUESTED' } };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.wakeTimer);
    for (const job of this.jobs.values()) this.clearTimers(job);
  }

  /** A scenario duration scaled by `speed`. */
  private ms(x: number): number {
    return this.timing.speed > 0 ? x / this.timing.speed : x;
  }

  private later(job: SimJob, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      job.timers = job.timers.filter(x => x !== t);
      if (!this.closed) fn();
    }, ms);
    job.timers.push(t);
  }
  private clearTimers(job: SimJob): void {
    for (const t of job.timers) clearTimeout(t);
    job.timers = [];
  }

  private drainPhantoms(job: SimJob): void {
    this.later(job, this.ms(this.timing.queueStepMs), () => {
      if (job.state !== 'IN_QUEUE') return;
      job.phantomAhead = Math.max(0, job.phantomAhead - 1);
      this.notify(job);
      if (job.phantomAhead > 0) this.drainPhantoms(job);
      else this.pump();
    });
  }

  private pump(): void {
    if (this.closed) return;
    let moved = false;
    while (this.running < this.timing.runners && this.waiting.length > 0) {
      const head = this.waiting[0]!;
      if (head.phantomAhead > 0) break;
      const waitMs = head.createdAt + this.ms(this.timing.queueDelayMs) - Date.now();
      // A timer may fire a little before Date.now() reaches its deadline: re-arm for the rest, or
      // the head (and everything behind it) would wait for an event that never comes.
      if (waitMs > 0) {
        this.wakeIn(waitMs);
        break;
      }
      this.waiting.shift();
      this.start(head);
      moved = true;
    }
    if (moved) this.notifyAll();
  }

  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeIn(ms: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }

  private start(job: SimJob): void {
    this.running++;
    job.state = 'IN_PROGRESS';
    job.startedAt = Date.now();
    this.addLog(job, `Starting ${job.endpointId}`);
    const processingMs = this.ms(this.timing.processingMs),
      logEveryMs = this.ms(this.timing.logEveryMs);
    if (logEveryMs > 0 && processingMs > logEveryMs) {
      const tick = (n: number) =>
        this.later(job, logEveryMs, () => {
          if (job.state !== 'IN_PROGRESS') return;
          this.addLog(job, `Generating… ${Math.min(99, Math.round((n * logEveryMs * 100) / processingMs))}%`);
          tick(n + 1);
        });
      tick(1);
    }
    const finish = () => {
      void this.produce(job).then(r => {
        if (job.state !== 'IN_PROGRESS') return;
        this.running--;
        this.complete(job, r);
        this.pump();
      });
    };
    if (processingMs > 0) this.later(job, processingMs, finish);
    else finish();
  }

  private async produce(job: SimJob): Promise<SimResult> {
    const detail = this.validate(job.endpointId, job.body);
    if (detail.length) return { status: 422, body: { detail }, headers: {} };
    const body = job.body as Record<string, unknown>;
    const hooked = this.outcome?.(job.endpointId, body);
    if (hooked) return hooked;
    const magic = typeof body.prompt === 'string' ? ERROR_MAGIC.exec(body.prompt) : null;
    if (magic) return magicError(magic[1]!);
    if (answersVoice(job.endpointId)) return { status: 200, headers: {}, body: { voice_id: voiceIdFor(body) } };
    try {
      const clip = await this.clipOf(job);
      job.clip = clip;
      job.file = this.storage.addBuffer(clip.data, 'output.mp4', 'video/mp4', clip.sha256);
      return {
        status: 200,
        headers: {},
        body: {
          video: { url: this.storage.fileUrl(job.file), content_type: 'video/mp4', file_name: 'output.mp4', file_size: clip.data.length },
        },
      };
    } catch (e) {
      return {
        status: 500,
        headers: { 'x-fal-error-type': 'internal_error' },
        body: { detail: `Simulator failed to encode the clip: ${errorText(e)}`, error_type: 'internal_error' },
      };
    }
  }

  /** The job's clip, shaped by its request (its media read once), made once. */
  private clipOf(job: SimJob): Promise<Clip> {
    job.making ??= clipSpecForRequest(job.endpointId, job.body as Record<string, unknown>, this.media).then(({ spec, notes }) => {
      for (const n of notes) this.addLog(job, n, 'WARN');
      return makeClip(spec);
    });
    return job.making;
  }

  private complete(job: SimJob, result: SimResult): void {
    this.clearTimers(job);
    job.state = 'COMPLETED';
    job.completedAt = Date.now();
    job.result = result;
    const size = Buffer.byteLength(JSON.stringify(result.body));
    job.resultExpiresAt = job.completedAt + (size >= 10 * 1024 ? this.timing.largeResultRetentionMs : this.timing.retentionMs);
    this.addLog(job, result.status === 200 ? 'Done.' : `Finished with error ${result.status}.`, result.status === 200 ? 'INFO' : 'ERROR');
  }

  private addLog(job: SimJob, message: string, level: LogEntry['level'] = 'INFO'): void {
    job.logs.push({ message, level, source: 'USER', timestamp: new Date().toISOString() });
    this.notify(job);
  }

  private notify(job: SimJob): void {
    for (const l of [...job.listeners]) l();
  }
  // Queue positions of everyone behind move when a job leaves the queue.
  private notifyAll(): void {
    for (const j of this.waiting) this.notify(j);
  }
}

function cancelledResult(): SimResult {
  return {
    status: 400,
    headers: { 'x-fal-error-type': 'request_cancelled' },
    body: { detail: 'Request was cancelled.', error_type: 'request_cancelled' },
  };
}

function magicError(type: string): SimResult {
  if (type === 'content_policy_violation') {
    return {
      status: 422,
      headers: { 'x-fal-error-type': type, 'x-fal-retryable': 'false' },
      body: {
        detail: [
          {
            loc: ['body', 'prompt'],
            msg: 'The content could not be processed because it contained material flagged by a content checker.',
            type,
            ctx: { categories: ['simulated'] },
          },
        ],
      },
    };
  }
  const status = ['request_timeout', 'startup_timeout'].includes(type)
    ? 504
    : ['runner_scheduling_failure', 'runner_connection_timeout', 'runner_disconnected'].includes(type)
      ? 503
      : 500;
  return { status, headers: { 'x-fal-error-type': type }, body: { detail: `Simulated failure: ${type}`, error_type: type } };
}

/** create-voice (the entry's simulator output) answers with a voice id, not a clip. */
function answersVoice(endpointId: string): boolean {
  return lookupEndpoint(endpointId)?.simulator.type === 'voice-id';
}

/** fal's ids are long decimal strings; the same sample gets the same id, as a cast expects. */
function voiceIdFor(body: Record<string, unknown>): string {
  const h = createHash('sha256')
    .update(JSON.stringify(body.voice_url ?? ''))
    .digest();
  return (h.readBigUInt64BE(0) % 10n ** 18n).toString().padStart(18, '8');
}
