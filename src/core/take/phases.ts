// When a take entered each phase of its job, and how long each phase lasted. The stamps ride in
// the record's own journal writes (a status change is always journalled), so timing a take costs
// no extra write. Pure: no I/O, no clock of its own.
import { z } from 'zod';
import type { TakeStatus } from './record';

/** The statuses a take can move into after its submit; `submitting` starts at `createdAt`. */
export const PhaseAtSchema = z
  .object({
    queued: z.string().optional(),
    running: z.string().optional(),
    downloading: z.string().optional(),
    done: z.string().optional(),
    failed: z.string().optional(),
    cancelled: z.string().optional(),
    unknown: z.string().optional(),
  })
  .strip();
export type PhaseAt = z.infer<typeof PhaseAtSchema>;

/** The phases whose length the details and `kling takes` show, in the order a take goes through them. */
export const TIMED_PHASES = ['queued', 'running', 'downloading'] as const;
export type TimedPhase = (typeof TIMED_PHASES)[number];

interface Stamped {
  status: TakeStatus;
  updatedAt: string;
  phaseAt?: PhaseAt | undefined;
}

/**
 * `next` with the time it entered its status, when that status is new. The first entry counts: a
 * take resumed while `running` keeps the moment it started running.
 */
export function stampPhase<T extends Stamped>(prev: Pick<Stamped, 'status'> | undefined, next: T, at: string = next.updatedAt): T {
  // Before the submit (reserved, submitting) the take's time is its createdAt.
  if (next.status === 'submitting' || next.status === 'reserved') return next;
  if (next.status === prev?.status || next.phaseAt?.[next.status] !== undefined) return next;
  return { ...next, phaseAt: { ...next.phaseAt, [next.status]: at } };
}

export interface PhaseTimes {
  phaseAt?: PhaseAt | undefined;
  submittedAt?: string | undefined;
  completedAt?: string | undefined;
}

/**
 * Milliseconds spent queued, running and downloading, for the phases whose start and end are both
 * known. A phase ends when any later one begins (a take fal finished before we saw it run goes from
 * queued to downloading). Records written before the stamps existed still give queued and running
 * together: `submittedAt` to `completedAt` is queued, the clip's download is not known.
 */
export function phaseDurations(r: PhaseTimes): Partial<Record<TimedPhase, number>> {
  const at = r.phaseAt ?? {};
  const t = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  const starts: Record<TimedPhase, number | undefined> = {
    queued: t(at.queued ?? r.submittedAt),
    running: t(at.running),
    downloading: t(at.downloading ?? (at.queued === undefined ? r.completedAt : undefined)),
  };
  const ends = [at.done, at.failed, at.cancelled, at.unknown].map(t);
  const out: Partial<Record<TimedPhase, number>> = {};
  TIMED_PHASES.forEach((phase, i) => {
    const start = starts[phase];
    if (start === undefined || Number.isNaN(start)) return;
    const later = [...TIMED_PHASES.slice(i + 1).map(p => starts[p]), ...ends].filter(
      (x): x is number => x !== undefined && !Number.isNaN(x) && x >= start,
    );
    if (later.length) out[phase] = Math.min(...later) - start;
  });
  return out;
}
