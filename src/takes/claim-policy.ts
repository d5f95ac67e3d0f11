// Who may pay for a shot: the one claim decision of every face. A take of the same request whose
// fate is open is never worked around by paying again: one left by a dead process is resumed (it
// has a request id) or recorded `unknown` (its submit may have been paid); one another live
// process follows is waited for, and its outcome reported. Only a deliberate fresh take (`--new`,
// variations) pays anew, and a submit that may have been paid keeps refusing plain reruns.
import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import { claimUnfinished, uncertainLatestOf, unfinishedOf, type Claim, type FoundTake, type TakeLock, type TakeRecord } from './store';

export type Decision =
  | { kind: 'new' }
  /** Claimed: this process follows it, holding its lock. */
  | { kind: 'resume'; recordPath: string; record: TakeRecord; lock: TakeLock }
  /** Nothing to run: refused, or finished by the process that was following it. */
  | { kind: 'outcome'; ok: boolean; status: string; detail: string; recordPath?: string; record?: TakeRecord };

export interface DecideOptions {
  /** A deliberate fresh take: unfinished takes are left alone (resumable ones for `resume`). */
  fresh: boolean;
  /** Wait for a take another live process follows (one plain take); otherwise start anew beside it. */
  waitForOthers: boolean;
  /** Whether this face can follow a take (its queue is this connection's); a string says why not. */
  canFollow(record: TakeRecord): true | string;
  /** What the face shows: a note per take left aside, the wait, an uncertain submit. */
  note(message: string): void;
  signal?: AbortSignal;
  /** How often to look at a take another process follows (default 500 ms). */
  waitIntervalMs?: number;
  /** How often a long wait says so again (default a minute). */
  stillWaitingEveryMs?: number;
}

const name = (p: string) => basename(p);

export function uncertainText(recordName: string, c: Extract<Claim, { kind: 'uncertain' }>): string {
  return c.recorded
    ? l10n.t(
        '{0}: an earlier submit stopped before fal replied, so it may have been paid; it is now recorded as unknown. Check your fal dashboard; a fresh take (kling generate --new) submits again.',
        recordName,
      )
    : l10n.t(
        '{0}: an earlier submit stopped before fal replied, so it may have been paid; it could not be recorded as unknown ({1}). Check your fal dashboard; a fresh take (kling generate --new) submits again.',
        recordName,
        c.error ?? 'write failed',
      );
}

/** The outcome of a take another process finished while this one waited. */
function finishedElsewhere(path: string, rec: TakeRecord): Decision {
  const ok = rec.status === 'done';
  return {
    kind: 'outcome',
    ok,
    status: rec.status,
    recordPath: path,
    record: rec,
    detail: ok
      ? l10n.t('{0} was followed to its end by another process: done, nothing paid again.', name(path))
      : l10n.t(
          '{0} was followed to its end by another process: {1}{2}',
          name(path),
          rec.status,
          rec.error ? ` (${rec.error.message})` : '',
        ),
  };
}

/**
 * What this run does for one take of a request: resume an unfinished take of it, wait for the
 * process that follows one, refuse, or make a new one. `takes` is the output folder's listing
 * (listTakeRecords), read once for all takes of the shot.
 */
export async function decideTake(takes: readonly FoundTake[], key: string, o: DecideOptions): Promise<Decision> {
  for (const t of unfinishedOf(takes, key)) {
    // A fresh take leaves resumable takes for `resume`; it only retires the ones nobody can follow.
    if (o.fresh && t.record.requestId) continue;
    let c = await claimUnfinished(t.path);
    if (c.kind === 'busy') {
      if (!o.waitForOthers || o.fresh) continue;
      o.note(
        l10n.t('{0}: another process is following this take of the same request; waiting for it instead of paying again.', name(t.path)),
      );
      // Said again at least once a minute, so a long wait is never silent.
      const started = Date.now();
      const still = setInterval(
        () =>
          o.note(l10n.t('{0}: still waiting for the other process ({1} min)', name(t.path), Math.round((Date.now() - started) / 60_000))),
        o.stillWaitingEveryMs ?? 60_000,
      );
      try {
        c = await claimUnfinished(t.path, { wait: { ...(o.signal && { signal: o.signal }), intervalMs: o.waitIntervalMs ?? 500 } });
      } finally {
        clearInterval(still);
      }
      if (c.kind === 'busy') return { kind: 'outcome', ok: false, status: 'interrupted', detail: l10n.t('stopped while waiting') };
      if (c.kind === 'final') return finishedElsewhere(t.path, c.record);
    }
    if (c.kind === 'final') continue;
    if (c.kind === 'unreadable') {
      o.note(l10n.t('{0}: not resumed', c.error));
      continue;
    }
    if (c.kind === 'uncertain') {
      o.note(uncertainText(name(t.path), c));
      if (o.fresh) continue;
      // Refused, so that no money is spent before the user has read the above.
      return {
        kind: 'outcome',
        ok: false,
        status: 'refused',
        recordPath: t.path,
        detail: l10n.t('{0} may have been paid (see above); a fresh take (--new) submits again', name(t.path)),
      };
    }
    const can = o.fresh ? false : o.canFollow(c.record);
    if (can !== true) {
      await c.lock.release();
      if (typeof can === 'string') o.note(l10n.t('{0}: not resumed here: {1}', name(t.path), can));
      continue;
    }
    o.note(l10n.t('an unfinished take of the same request exists ({0}): resuming it instead of submitting', name(t.path)));
    return { kind: 'resume', recordPath: t.path, record: c.record, lock: c.lock };
  }
  const uncertain = o.fresh ? undefined : uncertainLatestOf(takes, key);
  if (uncertain) {
    return {
      kind: 'outcome',
      ok: false,
      status: 'refused',
      recordPath: uncertain.path,
      detail: l10n.t(
        'the last submit of this request ({0}) stopped before fal replied and may have been paid; check your fal dashboard, then a fresh take (--new) submits again',
        name(uncertain.path),
      ),
    };
  }
  return { kind: 'new' };
}

/**
 * The claim decision for `resume` (a folder, a window's activation): the take at `path` is followed
 * here, skipped with the reason, or gone (undefined: finished or released since it was listed).
 * A take another live process follows is left to it.
 */
export async function claimToFollow(
  path: string,
  o: Pick<DecideOptions, 'canFollow' | 'note'> & { roots?: readonly string[] | undefined },
): Promise<Extract<Decision, { kind: 'resume' | 'outcome' }> | undefined> {
  const c = await claimUnfinished(path, { roots: o.roots });
  if (c.kind === 'final') return undefined;
  if (c.kind === 'busy')
    return { kind: 'outcome', ok: false, status: 'skipped', recordPath: path, detail: l10n.t('another live process is following it') };
  if (c.kind === 'unreadable') return { kind: 'outcome', ok: false, status: 'skipped', recordPath: path, detail: c.error };
  if (c.kind === 'uncertain') {
    o.note(uncertainText(name(path), c));
    return {
      kind: 'outcome',
      ok: false,
      status: 'unknown',
      recordPath: path,
      record: c.record,
      detail: l10n.t('may have been paid (see above); not resubmitted'),
    };
  }
  const can = o.canFollow(c.record);
  if (can !== true) {
    await c.lock.release();
    return { kind: 'outcome', ok: false, status: 'skipped', recordPath: path, record: c.record, detail: can };
  }
  return { kind: 'resume', recordPath: path, record: c.record, lock: c.lock };
}
