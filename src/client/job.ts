// One take from input to clip: upload local media → journal → submit → watch → result → download.
// Every state change is handed to `onRecord` before the next step, and the submit happens only
// after the 'submitting' record was accepted, so the journal always knows about a paid job.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { downloadVerified } from './download';
import { durationMismatch } from '../media/clip-duration';
import { requestSeconds } from '../core/request-seconds';
import { abortError, FalError, isAbort, type ErrorKind } from './errors';
import { stampPhase } from '../core/take/phases';
import { isFinal, submitUncertain, type TakeRecord, type TakeStatus } from '../core/take/record';
import {
  cancelRequest,
  getResult,
  submit,
  voiceIdOf,
  type CancelOutcome,
  type QueueCtx,
  type QueueStatus,
  type ResultReply,
  type VideoResultBody,
} from './queue';
import { watchUntilCompleted } from './status-stream';
import { uploadFile } from './upload';
import { billingOf } from './job-billing';
import { setAtPath, tempPathFor } from './job-records';
import type { JobConfig, JobInput, Progress, RunOptions } from './job-types';
import { reportWaiting } from './job-waiting';
import { errorText } from '../core/error-text';

export { applyCancelOutcome, setAtPath, tempPathFor } from './job-records';
type ProgressFn = (p: Omit<Progress, 'takeId' | 'elapsedMs'>) => void;

export { DEFAULT_WAITING_REPORT_MS, waitedFor, type JobConfig, type JobInput, type Progress, type RunOptions } from './job-types';

const asFalError = (e: unknown): FalError => (e instanceof FalError ? e : new FalError('network', errorText(e), { cause: e }));

/** Result-call errors that are the job's own final outcome ('cancelled' is handled on its own). */
const DEFINITE_RESULT_ERRORS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['validation', 'model', 'result-expired']);

const iso = (ms: number) => new Date(ms).toISOString();

export class JobRunner {
  constructor(
    private readonly ctx: QueueCtx,
    private readonly cfg: JobConfig,
  ) {}

  /** The next state of the record; a change of status also stamps when it happened (phaseAt). */
  private touch(rec: TakeRecord, patch: Partial<TakeRecord>, at: number = this.cfg.now()): TakeRecord {
    return stampPhase(rec, { ...rec, ...patch, updatedAt: iso(at) });
  }

  /** Journals a record; after the submit a journal failure is logged, not fatal (the job is paid: keep going). */
  private async persist(rec: TakeRecord, o: RunOptions, mustSucceed = false): Promise<void> {
    try {
      await o.onRecord(rec);
    } catch (e) {
      if (mustSucceed) throw e;
      this.ctx.http.log.error(`Could not journal take ${rec.id} (${rec.status}): ${errorText(e)}`);
    }
  }

  async generate(job: JobInput, o: RunOptions): Promise<TakeRecord> {
    const started = this.cfg.now();
    const id = job.takeId ?? randomUUID();
    const progress = (p: Omit<Progress, 'takeId' | 'elapsedMs'>) =>
      o.onProgress?.({ takeId: id, elapsedMs: this.cfg.now() - started, ...p });
    if (o.signal?.aborted) throw abortError();
    const body = structuredClone(job.body);
    for (const m of job.localMedia ?? []) {
      if (!job.openMedia) throw new FalError('io', `No file boundary was given for ${basename(m.file)}: nothing is uploaded without one.`);
      progress({ status: 'submitting', phase: 'uploading', file: m.file });
      setAtPath(body, m.path, await uploadFile(this.ctx, this.cfg.upload, m.file, { signal: o.signal, open: job.openMedia }));
    }
    const now = iso(this.cfg.now());
    let rec: TakeRecord = {
      version: 1,
      id,
      endpointId: job.endpointId,
      body,
      status: 'submitting',
      createdAt: job.createdAt ?? now,
      updatedAt: now,
      clipPath: job.outputPath,
      ...(job.shotFile !== undefined && { shotFile: job.shotFile }),
      ...(job.requestKey !== undefined && { requestKey: job.requestKey }),
      ...(job.costEstimateUsd !== undefined && { costEstimateUsd: job.costEstimateUsd }),
      ...(job.pricePerSecondUsd !== undefined && { pricePerSecondUsd: job.pricePerSecondUsd }),
      ...(job.atFalUsd !== undefined && { atFalUsd: job.atFalUsd }),
      ...(job.provider !== undefined && { provider: job.provider }),
    };
    await this.persist(rec, o, true);
    if (o.signal?.aborted) {
      rec = this.touch(rec, { status: 'cancelled', error: { kind: 'aborted', message: 'Aborted before submitting; nothing was sent.' } });
      await this.persist(rec, o);
      throw abortError();
    }
    progress({ status: 'submitting', phase: 'submitting' });
    let reply;
    try {
      reply = await submit(this.ctx, this.cfg.queueUrl, job.endpointId, body);
    } catch (e) {
      const err = e instanceof FalError ? e : new FalError('network', errorText(e), { cause: e });
      rec = this.touch(rec, { status: err.kind === 'submit-uncertain' ? 'unknown' : 'failed', error: err.toRecord() });
      await this.persist(rec, o);
      progress({ status: rec.status, phase: 'final' });
      return rec;
    }
    try {
      o.onSubmitted?.({ requestId: reply.request_id, endpointId: job.endpointId });
    } catch {
      /* a reporting sink must not stop a paid job */
    }
    const submittedAt = this.cfg.now();
    rec = this.touch(
      rec,
      {
        status: 'queued',
        requestId: reply.request_id,
        statusUrl: reply.status_url,
        responseUrl: reply.response_url,
        cancelUrl: reply.cancel_url,
        submittedAt: iso(submittedAt),
        ...(reply.queue_position !== undefined && { queuePosition: reply.queue_position }),
      },
      submittedAt,
    );
    await this.persist(rec, o);
    progress({
      status: 'queued',
      phase: 'queued',
      requestId: reply.request_id,
      ...(reply.queue_position !== undefined && { queuePosition: reply.queue_position }),
    });
    return this.continueFrom(rec, o, started);
  }

  async resume(rec: TakeRecord, o: RunOptions): Promise<TakeRecord> {
    if (isFinal(rec)) return rec;
    return this.continueFrom(rec, o, this.cfg.now());
  }

  private async continueFrom(start: TakeRecord, o: RunOptions, started: number): Promise<TakeRecord> {
    let rec = start;
    const progress = (p: Omit<Progress, 'takeId' | 'elapsedMs'>) =>
      o.onProgress?.({
        takeId: rec.id,
        elapsedMs: this.cfg.now() - started,
        ...(rec.requestId !== undefined && { requestId: rec.requestId }),
        ...p,
      });

    if (rec.status === 'submitting' || !rec.requestId) {
      // Stopped between journaling and the submit reply: fal may or may not have the job, and without
      // a request id nothing can be asked. Never resubmit automatically.
      rec = submitUncertain(rec, iso(this.cfg.now()));
      await this.persist(rec, o);
      progress({ status: 'unknown', phase: 'final' });
      return rec;
    }

    let result: ResultReply | undefined;
    if (rec.status !== 'downloading' || !rec.video) {
      if (!rec.statusUrl || !rec.responseUrl) throw new FalError('protocol', 'The record has a request id but no status/response URL.');
      const seen = new Set((rec.logs ?? []).map(l => `${l.timestamp ?? ''}|${l.message}`));
      let journal: Promise<void> = Promise.resolve();
      let lastSeen = 'no status yet';
      const onStatus = (s: QueueStatus) => {
        lastSeen = s.status === 'IN_QUEUE' ? `in queue${s.queue_position != null ? `, position ${s.queue_position}` : ''}` : 'running';
        const fresh = (s.logs ?? []).filter(l => {
          const k = `${l.timestamp ?? ''}|${l.message}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
        if (fresh.length)
          rec = {
            ...rec,
            logs: [
              ...(rec.logs ?? []),
              ...fresh.map(l => ({
                message: l.message,
                ...(l.level !== undefined && { level: l.level }),
                ...(l.timestamp !== undefined && { timestamp: l.timestamp }),
              })),
            ].slice(-this.cfg.maxLogLines),
          };
        const status: TakeStatus = s.status === 'IN_QUEUE' ? 'queued' : 'running';
        const pos = s.queue_position ?? undefined;
        if (s.status !== 'COMPLETED' && status !== rec.status) {
          const { queuePosition: _drop, ...rest } = rec;
          rec = this.touch(status === 'queued' && pos !== undefined ? { ...rest, queuePosition: pos } : rest, { status });
          const snapshot = rec;
          journal = journal.then(() => this.persist(snapshot, o));
        }
        progress({
          status: s.status === 'COMPLETED' ? 'running' : status,
          phase: s.status === 'COMPLETED' ? 'running' : status,
          queueStatus: s.status,
          ...(pos !== undefined && { queuePosition: pos }),
          ...(fresh.length && { newLogs: fresh }),
        });
      };
      const waiting = reportWaiting(
        this.cfg,
        `fal to finish request ${rec.requestId}`,
        () => lastSeen,
        () => rec.status,
        progress,
      );
      try {
        try {
          await watchUntilCompleted(this.ctx, rec.statusUrl, { ...this.cfg.watch, signal: o.signal, onStatus });
        } catch (e) {
          await journal;
          if (e instanceof FalError && e.kind === 'not-found') return await this.fail(rec, e, o, progress);
          // The job goes on at fal: the record stays resumable, and says why the watch stopped.
          if (!isAbort(e, o.signal)) await this.persist(this.touch(rec, { error: asFalError(e).toRecord() }), o);
          throw this.stop(e, o.signal);
        }
        // Fetch the result at once: fal keeps it only 1 h (6 min when large).
        waiting.now(`fal's reply to the result request of ${rec.requestId}`);
        try {
          result = await getResult(this.ctx, rec.responseUrl, o.signal);
        } catch (e) {
          await journal;
          if (isAbort(e, o.signal)) throw abortError();
          if (e instanceof FalError && e.kind === 'cancelled') {
            rec = this.touch(rec, { status: 'cancelled', completedAt: iso(this.cfg.now()), error: e.toRecord() });
            await this.persist(rec, o);
            progress({ status: 'cancelled', phase: 'final' });
            return rec;
          }
          // Only a definite answer ends the take. A temporary server error (5xx/429 after the retries,
          // a bare 500, an unreadable reply, headers too large to read, calls that timed out), the
          // network or the key leave it resumable: the job is completed and paid, and fal keeps its
          // result for an hour. The record says why it stopped.
          if (e instanceof FalError && DEFINITE_RESULT_ERRORS.has(e.kind)) return await this.fail(rec, e, o, progress, true);
          await this.persist(this.touch(rec, { error: asFalError(e).toRecord() }), o);
          throw this.stop(e, o.signal);
        }
      } finally {
        waiting.stop();
      }
      await journal;
      // create-voice: the take is its voice id; there is no clip to fetch.
      const voiceId = voiceIdOf(result.body);
      if (voiceId !== undefined) return await this.finishVoice(rec, voiceId, o, progress);
      const v = (result.body as VideoResultBody).video;
      const completedAt = this.cfg.now();
      // An error an earlier attempt left on the record (a result call that timed out) is over now.
      const { error: _over, ...current } = rec;
      rec = this.touch(
        current,
        {
          status: 'downloading',
          completedAt: iso(completedAt),
          ...billingOf(rec, result.billableUnitsHeader, this.ctx.http.log),
          video: {
            url: v.url,
            ...(v.content_type != null && { contentType: v.content_type }),
            ...(v.file_name != null && { fileName: v.file_name }),
            ...(v.file_size != null && { fileSize: v.file_size }),
          },
        },
        completedAt,
      );
      await this.persist(rec, o);
    }

    progress({ status: 'downloading', phase: 'downloading' });
    const clipPath = rec.clipPath;
    if (!clipPath) throw new FalError('protocol', 'The record has no clip path.');
    try {
      const got = await downloadVerified(this.ctx, {
        url: rec.video!.url,
        target: clipPath,
        tempPath: tempPathFor(rec, clipPath),
        expectedSize: rec.video!.fileSize,
        signal: o.signal,
        onBytes: (bytes, total) =>
          progress({ status: 'downloading', phase: 'downloading', bytes, ...(total !== undefined && { totalBytes: total }) }),
      });
      const mismatch = durationMismatch(requestSeconds(rec.endpointId, rec.body), got.video.durationSeconds);
      rec = this.touch(rec, {
        status: 'done',
        sha256: got.sha256,
        bytes: got.bytes,
        clipPath,
        video: { ...rec.video!, durationSeconds: got.video.durationSeconds, width: got.video.width, height: got.video.height },
        ...(mismatch && { durationMismatch: mismatch }),
      });
      delete rec.error;
      if (mismatch) this.ctx.http.log.warn(`Take ${rec.id}: ${mismatch.message}`);
    } catch (e) {
      // The CDN file outlives the queue result: keep the record resumable, and say why it stopped.
      if (!isAbort(e, o.signal)) {
        const err = e instanceof FalError ? e : new FalError('download', errorText(e), { cause: e });
        await this.persist(this.touch(rec, { error: err.toRecord() }), o);
      }
      throw this.stop(e, o.signal);
    }
    // 'done' is announced only once the record on disk says so.
    await this.persist(rec, o, true);
    progress({ status: 'done', phase: 'final', bytes: rec.bytes! });
    return rec;
  }

  private async fail(
    rec: TakeRecord,
    e: FalError,
    o: RunOptions,
    progress: (p: Omit<Progress, 'takeId' | 'elapsedMs'>) => void,
    completed = false,
  ): Promise<TakeRecord> {
    const out = this.touch(rec, { status: 'failed', error: e.toRecord(), ...(completed && { completedAt: iso(this.cfg.now()) }) });
    await this.persist(out, o);
    progress({ status: 'failed', phase: 'final' });
    return out;
  }

  /** A voice take ends with its id on the record; fal bills the call, not seconds of output. */
  private async finishVoice(rec: TakeRecord, voiceId: string, o: RunOptions, progress: ProgressFn) {
    const { error: _over, ...current } = rec;
    await this.persist((rec = this.touch(current, { status: 'done', completedAt: iso(this.cfg.now()), voiceId })), o, true);
    progress({ status: 'done', phase: 'final' });
    return rec;
  }

  private stop(e: unknown, signal?: AbortSignal): unknown {
    return isAbort(e, signal) ? abortError() : e;
  }

  async cancel(rec: TakeRecord, signal?: AbortSignal): Promise<CancelOutcome> {
    if (!rec.cancelUrl) return 'not-submitted';
    return cancelRequest(this.ctx, rec.cancelUrl, signal);
  }
}
