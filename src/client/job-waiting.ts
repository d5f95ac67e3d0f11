// A word while a take waits: what for, the last state seen and for how long, every waitingReportMs.
import type { TakeStatus } from '../core/take/record';
import { waitedFor, type JobConfig, type Progress } from './job-types';

/**
 * Reports what the take waits for every waitingReportMs until stopped: `what`, the last state
 * seen (when given) and how long this wait has lasted. `now` names a new wait (its clock restarts).
 */
export function reportWaiting(
  cfg: Pick<JobConfig, 'now' | 'waitingReportMs'>,
  what: string,
  detail: (() => string) | undefined,
  status: () => TakeStatus,
  progress: (p: Omit<Progress, 'takeId' | 'elapsedMs'>) => void,
): { now(what: string): void; stop(): void } {
  let since = cfg.now();
  let text = what;
  let extra = detail;
  const timer = setInterval(() => {
    const st = status();
    const d = extra?.();
    progress({
      status: st,
      phase: st === 'queued' ? 'queued' : 'running',
      waiting: `${text}${d ? ` (${d})` : ''}, ${waitedFor(cfg.now() - since)} so far`,
    });
  }, cfg.waitingReportMs);
  timer.unref();
  return {
    now: next => {
      text = next;
      extra = undefined;
      since = cfg.now();
    },
    stop: () => clearInterval(timer),
  };
}
