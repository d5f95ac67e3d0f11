// Which take stands for a shot in the cut: a pinned take wins, then the shot's selected take, then
// its newest done take. Plain facts in (the I/O half gathers them), a decision out.

/** What the disk says about one take record. `status` is undefined when the record is unreadable. */
export interface TakeFact {
  path: string;
  status: string | undefined;
  createdAt?: string;
  clipPath?: string;
  /** The verified clip's length, when the record has it. */
  durationSeconds?: number;
}

export interface EntryFacts {
  shotExists: boolean;
  /** Why the shot was not read (outside the roots, not a regular file): the entry is unusable. */
  refused?: string;
  /** Present when the entry pins a take; `exists` false when the record is missing; `refused` says why it was not read. */
  pinned?: TakeFact & { exists: boolean; refused?: string };
  /** Why take records of the shot were left out (outside the roots, not regular files, too large). */
  refusedTakes?: string[];
  selected?: TakeFact;
  /** Every take of the shot, any status and order. */
  takes: TakeFact[];
}

export type TakeSource = 'pinned' | 'selected' | 'newest';

export interface ResolvedTake {
  take: TakeFact;
  source: TakeSource;
}

const isDone = (t: TakeFact | undefined): t is TakeFact => t?.status === 'done';

export function resolveEntryTake(facts: EntryFacts): ResolvedTake | undefined {
  if (facts.refused !== undefined) return undefined;
  // A pinned take is the user's explicit choice: when it is unusable there is no silent fallback.
  if (facts.pinned) return facts.pinned.exists && isDone(facts.pinned) ? { take: facts.pinned, source: 'pinned' } : undefined;
  if (isDone(facts.selected)) return { take: facts.selected, source: 'selected' };
  const newest = facts.takes
    .filter(isDone)
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.path.localeCompare(a.path))[0];
  return newest ? { take: newest, source: 'newest' } : undefined;
}
