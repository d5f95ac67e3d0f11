// A creator's rating (1–5) and note on a take, kept in its record. The record is also the running
// take's journal, so the review is written only while holding the take's lock: a take being
// followed (generated or resumed in any process) is never written beside its journal, and a take
// claimed later reads the record, review included, under that same lock. The write is the one
// atomic record write (journal.ts).
import * as l10n from '@vscode/l10n';
import { pathAsWritten } from '../../core/path-text';
import { readTakeRecord, writeTakeRecord, type TakeRecord } from './journal';
import type { RecordReadOptions } from './record-read';
import { acquireTakeLock, type TakeLockOptions } from './take-lock';

/** What to change: a value sets it, `null` clears it, absent leaves it. */
export interface TakeReview {
  rating?: number | null;
  note?: string | null;
}

export const MAX_NOTE_CHARS = 2000;

/** Thrown when another live process follows the take: its journal owns the record now. */
export class TakeBusyError extends Error {
  constructor(readonly recordPath: string) {
    super(l10n.t('take {0} is still being generated; rate it or note it once it has finished.', pathAsWritten(recordPath)));
    this.name = 'TakeBusyError';
  }
}

/** Why a review cannot be stored, in one sentence naming the field; undefined when it can. */
export function reviewProblem(review: TakeReview): string | undefined {
  const r = review.rating;
  if (r !== undefined && r !== null && !(Number.isInteger(r) && r >= 1 && r <= 5))
    return l10n.t('rating must be a whole number from 1 to 5, not {0}', String(r));
  if (typeof review.note === 'string' && review.note.length > MAX_NOTE_CHARS)
    return l10n.t('note is {0} characters long; at most {1} are kept', review.note.length, MAX_NOTE_CHARS);
  return undefined;
}

/** Writes the review into the take's record under its lock; returns the record as written. */
export async function reviewTake(
  recordPath: string,
  review: TakeReview,
  o: RecordReadOptions & { lock?: TakeLockOptions } = {},
): Promise<TakeRecord> {
  const problem = reviewProblem(review);
  if (problem) throw new Error(problem);
  // Read first: a missing or refused record is told as such, before any lock file is made for it.
  await readTakeRecord(recordPath, o);
  const lock = await acquireTakeLock(recordPath, o.lock);
  if (!lock) throw new TakeBusyError(recordPath);
  try {
    const now = await readTakeRecord(recordPath, o);
    const next: TakeRecord = { ...now };
    if (review.rating === null) delete next.rating;
    else if (review.rating !== undefined) next.rating = review.rating;
    const note = typeof review.note === 'string' ? review.note.trim() : review.note;
    if (note === null || note === '') delete next.note;
    else if (note !== undefined) next.note = note;
    await writeTakeRecord(recordPath, next);
    return next;
  } finally {
    await lock.release();
  }
}
