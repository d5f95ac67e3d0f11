// Small record helpers of a job: where a value goes in the body, the download's temp file, and the
// record after a cancel attempt.
import { basename, dirname, join } from 'node:path';
import { stampPhase } from '../core/take/phases';
import type { TakeRecord } from '../core/take/record';
import { FalError } from './errors';
import type { CancelOutcome } from './queue';

export function setAtPath(obj: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  if (path.length === 0) throw new Error('empty media path');
  let cur: unknown = obj;
  for (const k of path.slice(0, -1)) {
    cur = (cur as Record<string | number, unknown>)?.[k];
    if (typeof cur !== 'object' || cur === null) throw new FalError('io', `Media path ${path.join('.')} does not exist in the body`);
  }
  (cur as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

export function tempPathFor(rec: Pick<TakeRecord, 'id'>, clipPath: string): string {
  return join(dirname(clipPath), `.${basename(clipPath)}.${rec.id.slice(0, 8)}.part`);
}

/** The record after a cancel attempt: only an 'OK' (removed from the queue) makes it final here. */
export function applyCancelOutcome(rec: TakeRecord, outcome: CancelOutcome, now: Date = new Date()): TakeRecord {
  const at = now.toISOString();
  const base = { ...rec, cancel: { outcome, at }, updatedAt: at };
  if (outcome === 'cancelled' || (outcome === 'not-submitted' && rec.status === 'submitting'))
    return stampPhase(rec, { ...base, status: 'cancelled' });
  return base;
}
