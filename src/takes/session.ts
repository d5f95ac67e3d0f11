// The take session: what every face (the CLI, VS Code, agents) calls to pay for takes. It plans a
// Generate whole (the claim decision per take, unique names, and the budget reservation, all or
// none), and runs each take through its journal. Faces differ only in how they confirm and how
// they show progress.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import type { Ledger } from '../core';
import type { FalClient, JobInput, Progress } from '../client';
import { mediaOpener } from './boundary';
import { decideTake, type DecideOptions } from './claim-policy';
import type { PreparedShot } from './prepare';
import type { Provider } from './price';
import { reserveTakes, type BudgetScope, type Reservation, type ReserveResult } from './reserve';
import {
  listTakeRecords,
  planTake,
  releasedRecord,
  removeOrphanLocksIn,
  TakeJournal,
  writeTakeRecord,
  type TakeLock,
  type TakeRecord,
} from './store';
import { errorText } from '../core';

export type TakeWork =
  /** Planned, reserved (its record is on disk as `reserved`), its lock held: run it. */
  | { kind: 'new'; shot: PreparedShot; recordPath: string; clipPath: string; lock: TakeLock; record: TakeRecord; job: JobInput }
  /** An unfinished take of the same request, claimed: continue it. */
  | { kind: 'resume'; shot?: PreparedShot; recordPath: string; record: TakeRecord; lock: TakeLock }
  /** Nothing to run (refused, or finished by another process): shown. */
  | { kind: 'outcome'; shot?: PreparedShot; ok: boolean; status: string; detail: string; recordPath?: string; record?: TakeRecord };

export interface PlanOptions {
  /** Takes of each shot, 1–4 (variations: each its own paid job). */
  takes: number;
  /** A deliberate fresh take (`--new`, a confirmed duplicate), for every shot or per shot. */
  fresh: boolean | ((shot: PreparedShot) => boolean);
  provider: Provider;
  /** Every budget of this Generate, and which of them cover each shot. */
  scopes: readonly BudgetScope[];
  scopesOf(shot: PreparedShot): number[];
  canFollow: DecideOptions['canFollow'];
  note(shot: PreparedShot, message: string): void;
  /**
   * Where a shot's take records must really be, after symlinks (the workspace folders or the
   * project root, and an output folder the user chose). Default: the shot's output folder. A record
   * elsewhere is left out (told to `note`); an output folder that leads elsewhere refuses the plan.
   */
  recordRootsOf?(shot: PreparedShot): readonly string[];
  signal?: AbortSignal;
  waitIntervalMs?: number;
  now?: () => Date;
}

export type Plan =
  | { ok: true; work: TakeWork[]; ledgers: (Ledger | undefined)[] }
  | { ok: false; refusal: Extract<ReserveResult, { ok: false }>['refusal']; ledgers: (Ledger | undefined)[] };

export const MAX_TAKES = 4;

function reservedRecord(shot: PreparedShot, clipPath: string, provider: Provider, at: string): TakeRecord {
  const fal = provider === 'fal' && shot.price.atFal;
  // Free on the simulator, but what fal would charge is kept beside it, so a cut can be priced offline.
  const simulated = provider === 'simulator' && shot.price.atFal;
  return {
    version: 1,
    id: randomUUID(),
    shotFile: shot.shotFile,
    requestKey: shot.requestKey,
    endpointId: shot.endpointId,
    body: shot.body,
    status: 'reserved',
    createdAt: at,
    updatedAt: at,
    clipPath,
    provider,
    ...(fal && { costEstimateUsd: Math.round(fal.usd * 1000) / 1000, pricePerSecondUsd: fal.perSecond }),
    ...(simulated && { atFalUsd: Math.round(simulated.usd * 1000) / 1000 }),
  };
}

/**
 * Decides, names and reserves every take of a Generate. On a refusal nothing was written or sent
 * and every lock taken is released; on success each `new` take is reserved against every budget
 * that covers it, and the caller runs the work (or `abandonPlan` when the user declines).
 */
export async function planTakes(shots: readonly PreparedShot[], o: PlanOptions): Promise<Plan> {
  const takes = Math.max(1, Math.min(MAX_TAKES, Math.floor(o.takes)));
  // Its body would go without the voice its cast binds: the face makes the voice first.
  const unvoiced = shots.find(s => s.voicesNeeded.length);
  if (unvoiced)
    throw new Error(
      l10n.t(
        '{0} needs the voice of {1}, not made yet: Generate (or kling generate) makes it first.',
        unvoiced.shotFile,
        unvoiced.voicesNeeded.map(n => n.member.name).join(', '),
      ),
    );
  const work: TakeWork[] = [];
  const items: Reservation[] = [];
  // The locks a killed run left on names it never used (no record): nobody else would remove them.
  await removeOrphanLocksIn(shots.map(s => s.outputDir));
  try {
    for (const shot of shots) {
      let folderRefused: string | undefined;
      const listing = await listTakeRecords(shot.outputDir, {
        roots: o.recordRootsOf?.(shot),
        onSkip: (path, reason, refused) => {
          if (path === shot.outputDir) folderRefused = reason;
          else if (refused) o.note(shot, reason);
        },
      });
      // Its takes cannot be read, so whether one of this request is unfinished cannot be known.
      if (folderRefused !== undefined) throw new Error(folderRefused);
      for (let i = 0; i < takes; i++) {
        const d = await decideTake(listing, shot.requestKey, {
          fresh: typeof o.fresh === 'function' ? o.fresh(shot) : o.fresh,
          // One plain take waits for the process that follows its request; variations go on beside it.
          waitForOthers: takes === 1,
          canFollow: o.canFollow,
          note: m => o.note(shot, m),
          ...(o.signal && { signal: o.signal }),
          ...(o.waitIntervalMs !== undefined && { waitIntervalMs: o.waitIntervalMs }),
        });
        if (d.kind === 'outcome') {
          work.push({ ...d, shot });
          break;
        }
        if (d.kind === 'resume') {
          work.push({ ...d, shot });
          continue;
        }
        const planned = await planTake(shot.outputDir, shot.shotFile, o.now ? { now: o.now() } : {});
        const record = reservedRecord(shot, planned.clipPath, o.provider, (o.now?.() ?? new Date()).toISOString());
        const job: JobInput = {
          endpointId: shot.endpointId,
          body: shot.body,
          shotFile: shot.shotFile,
          outputPath: planned.clipPath,
          requestKey: shot.requestKey,
          takeId: record.id,
          createdAt: record.createdAt,
          provider: o.provider,
          localMedia: shot.localMedia.map(m => ({ path: m.path, file: m.file })),
          openMedia: mediaOpener(shot.roots),
          ...(record.costEstimateUsd !== undefined && { costEstimateUsd: record.costEstimateUsd }),
          ...(record.pricePerSecondUsd !== undefined && { pricePerSecondUsd: record.pricePerSecondUsd }),
          ...(record.atFalUsd !== undefined && { atFalUsd: record.atFalUsd }),
        };
        work.push({ kind: 'new', shot, recordPath: planned.recordPath, clipPath: planned.clipPath, lock: planned.lock, record, job });
        items.push({ recordPath: planned.recordPath, record, usd: shot.price.usd, scopes: o.scopesOf(shot) });
      }
    }
    const r = await reserveTakes(items, o.scopes, { ...(o.signal && { signal: o.signal }) });
    if (!r.ok) {
      await releaseLocks(work);
      return r;
    }
    return { ok: true, work, ledgers: r.ledgers };
  } catch (e) {
    await releaseLocks(work);
    throw e;
  }
}

async function releaseLocks(work: readonly TakeWork[]): Promise<void> {
  await Promise.all(work.map(w => (w.kind === 'outcome' ? undefined : w.lock.release().catch(() => undefined))));
}

/**
 * The user declined after planning: the reservations are withdrawn (their records removed: nothing
 * was sent, and a take the user never started should not be listed) and the claims let go.
 */
export async function abandonPlan(work: readonly TakeWork[]): Promise<void> {
  for (const w of work) if (w.kind === 'new') await unlink(w.recordPath).catch(() => undefined);
  await releaseLocks(work);
}

export interface RunHooks {
  signal?: AbortSignal;
  /** What the face adds to each record before it is journalled (a cancel outcome it recorded). */
  amend?(rec: TakeRecord): TakeRecord;
  /** Each record before it is journalled (the face's view of the take). */
  onRecord?(rec: TakeRecord): void;
  onProgress?(p: Progress): void;
  /** The request id the moment fal returns it, before it is journalled. */
  onSubmitted?(s: { requestId: string; endpointId: string }): void;
  /** A record with a request id could not be written: the message says how to recover it. */
  onLost(message: string, rec: TakeRecord): void;
}

export interface TakeResult {
  /** The last record (undefined when the run stopped before any). */
  record: TakeRecord | undefined;
  /** Whether the record on disk has the final status. */
  onDisk: boolean;
  /** Set when the run stopped early (aborted, network, journal): the record is resumable or released. */
  error?: unknown;
}

/** A take being run: its journal (for a later cancel outcome) and its end. The caller releases the lock. */
export interface TakeRun {
  journal: TakeJournal;
  /** The last record the run gave (journalled or being journalled). */
  latest(): TakeRecord | undefined;
  done: Promise<TakeResult>;
}

/** Runs a planned or claimed take through its journal: every record is on disk before the next step. */
export function runTake(w: Extract<TakeWork, { kind: 'new' | 'resume' }>, client: FalClient, hooks: RunHooks): TakeRun {
  const journal = new TakeJournal(w.recordPath, hooks.onLost);
  let latest: TakeRecord | undefined = w.kind === 'resume' ? w.record : undefined;
  const opts = {
    ...(hooks.signal && { signal: hooks.signal }),
    onRecord: async (given: TakeRecord) => {
      const kept = keepReview(given, w.record);
      const rec = hooks.amend?.(kept) ?? kept;
      latest = rec;
      hooks.onRecord?.(rec);
      await journal.write(rec);
    },
    ...(hooks.onProgress && { onProgress: hooks.onProgress }),
    ...(hooks.onSubmitted && { onSubmitted: hooks.onSubmitted }),
  };
  const run = w.kind === 'new' ? client.generate(w.job, opts) : client.resume(w.record, opts);
  const done = run.then(
    async rec => {
      await journal.flushed();
      return { record: keepReview(rec, w.record), onDisk: journal.written?.status === rec.status };
    },
    async (error: unknown) => {
      await journal.flushed();
      if (w.kind === 'new' && latest === undefined) {
        // Stopped before its submit was journalled (the upload failed or was aborted): nothing was
        // sent, so the reservation is released with the reason.
        const why = errorText(error);
        const released = hooks.signal?.aborted
          ? { ...releasedRecord(w.record, l10n.t('Cancelled before the submit: nothing was sent.')), status: 'cancelled' as const }
          : releasedRecord(w.record, l10n.t('Not sent: {0}', why));
        await writeTakeRecord(w.recordPath, released).catch(() => undefined);
        latest = released;
      }
      return { record: latest, onDisk: false, error };
    },
  );
  return { journal, latest: () => latest, done };
}

/**
 * The client builds a new take's records from its job, which knows nothing of the take's number
 * (given by the reservation) or of a rating and note written while it waited to be resumed: they
 * are carried from the record the take was planned or claimed with.
 */
function keepReview(given: TakeRecord, from: TakeRecord): TakeRecord {
  const { number, rating, note } = from;
  return {
    ...given,
    ...(given.number === undefined && number !== undefined && { number }),
    ...(given.rating === undefined && rating !== undefined && { rating }),
    ...(given.note === undefined && note !== undefined && { note }),
  };
}
