// The take record: the journal of one paid job, as every layer reads it. The schema is pure so the
// network client can build records (it journals through a callback) and core can count spend from
// them; writing and reading records on disk is src/takes' job.
import { z } from 'zod';
import { FalValidationDetailSchema } from '../fal-validation';
import { PhaseAtSchema, stampPhase } from './phases';

/**
 * `reserved`: planned and its price held against every budget that covers it, before any upload or
 * submit; nothing has left the machine. A reserved take whose process died is released (`failed`,
 * kind `released`, costing nothing) by the next run that sums the budget.
 */
export const TAKE_STATUSES = [
  'reserved',
  'submitting',
  'queued',
  'running',
  'downloading',
  'done',
  'failed',
  'cancelled',
  'unknown',
] as const;
export type TakeStatus = (typeof TAKE_STATUSES)[number];

export const TakeRecordSchema = z
  .object({
    version: z.literal(1),
    id: z.string().min(1),
    shotFile: z.string().optional(),
    /**
     * The take's number within its shot (#1, #2, …), given once when the take is reserved. Older
     * records have none: readers derive one from the creation order (src/takes/store/take-number.ts).
     */
    number: z.number().int().positive().optional(),
    /** The creator's rating, 1–5 (src/takes/store/take-review.ts writes it under the take lock). */
    rating: z.number().int().min(1).max(5).optional(),
    /** The creator's note on the take. */
    note: z.string().max(2000).optional(),
    /** What makes two takes the same paid request (see requestKey): a rerun resumes, not resubmits. */
    requestKey: z.string().optional(),
    endpointId: z.string().min(1),
    /** The body as sent (local media already replaced by uploaded URLs). */
    body: z.record(z.string(), z.unknown()),
    requestId: z.string().optional(),
    statusUrl: z.string().optional(),
    responseUrl: z.string().optional(),
    cancelUrl: z.string().optional(),
    status: z.enum(TAKE_STATUSES),
    queuePosition: z.number().optional(),
    logs: z.array(z.object({ message: z.string(), level: z.string().optional(), timestamp: z.string().optional() })).optional(),
    createdAt: z.string(),
    submittedAt: z.string().optional(),
    completedAt: z.string().optional(),
    updatedAt: z.string(),
    /** When the take entered each status after its submit (older records have none). */
    phaseAt: PhaseAtSchema.optional(),
    error: z
      .object({
        kind: z.string(),
        message: z.string(),
        status: z.number().optional(),
        detail: z.array(FalValidationDetailSchema.omit({ ctx: true })).optional(),
        errorType: z.string().optional(),
      })
      .optional(),
    /** Outcome of a cancel request, when one was made. */
    cancel: z.object({ outcome: z.string(), at: z.string() }).optional(),
    costEstimateUsd: z.number().optional(),
    /**
     * A simulated take (free): what it would have cost on fal, the estimate a fal take keeps as
     * costEstimateUsd, so a cut made offline can be priced. Never counted as spent.
     */
    atFalUsd: z.number().optional(),
    /** Where the take ran; records from before this field are told apart by their status URL. */
    provider: z.enum(['fal', 'simulator']).optional(),
    /** The per-second price the estimate used: billed USD = billable units × this. */
    pricePerSecondUsd: z.number().optional(),
    /** fal's `x-fal-billable-units` on the result, and what that comes to in USD. */
    billableUnits: z.number().optional(),
    billedUsd: z.number().optional(),
    /**
     * Set when fal's `x-fal-billable-units` could not be read as an amount (not a plain decimal, or
     * far beyond the requested seconds): the header as sent (cut to 64 characters) and why. The
     * estimate stays the take's cost; billableUnits and billedUsd are absent.
     */
    billingUnreadable: z.object({ header: z.string(), message: z.string() }).optional(),
    /** Set when the billed amount is more than 10% away from the estimate (the price table may be stale). */
    billingMismatch: z.object({ estimateUsd: z.number(), billedUsd: z.number(), message: z.string() }).optional(),
    video: z
      .object({
        url: z.string(),
        contentType: z.string().optional(),
        fileName: z.string().optional(),
        fileSize: z.number().optional(),
        /** Read from the downloaded clip's container once it is verified. */
        durationSeconds: z.number().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
      })
      .optional(),
    /** create-voice: the voice fal made, for elements to bind (such a take has no clip). */
    voiceId: z.string().optional(),
    /** Set when the clip's length is far from the request's: kept (it was paid for), and shown. */
    durationMismatch: z.object({ requestedSeconds: z.number(), actualSeconds: z.number(), message: z.string() }).optional(),
    /** Final clip path (absolute). */
    clipPath: z.string().optional(),
    sha256: z.string().optional(),
    bytes: z.number().optional(),
  })
  .strip();
export type TakeRecord = z.infer<typeof TakeRecordSchema>;

export const FINAL_STATUSES: ReadonlySet<TakeStatus> = new Set(['done', 'failed', 'cancelled']);
export function isFinal(rec: Pick<TakeRecord, 'status' | 'requestId'>): boolean {
  // 'unknown' without a request id is final too: there is nothing left to ask fal about.
  return FINAL_STATUSES.has(rec.status) || (rec.status === 'unknown' && !rec.requestId);
}

export const SUBMIT_UNCERTAIN_MESSAGE =
  'The submit was interrupted before fal replied; the job may or may not exist (check your fal dashboard). It was not resubmitted.';

/** What a record without a request id becomes once nobody follows it: final, and saying why. */
export function submitUncertain(rec: TakeRecord, at: string): TakeRecord {
  return stampPhase(rec, {
    ...rec,
    status: 'unknown' as const,
    updatedAt: at,
    error: { kind: 'submit-uncertain', message: SUBMIT_UNCERTAIN_MESSAGE },
  });
}
