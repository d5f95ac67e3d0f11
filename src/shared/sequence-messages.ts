// Host <-> webview messages of the sequence editor. zod/mini, as the shot editor's: both sides
// check the same shapes, and whatever fails to parse is logged and dropped by the receiver.
import * as z from 'zod/mini';

const nonneg = () => z.int().check(z.nonnegative());

/** The take that stands for an entry, as far as the webview needs it. */
export const EntryTakeView = z.object({
  source: z.enum(['pinned', 'selected', 'newest']),
  /** webview URI of the clip (cache-busted); absent when it is not on disk or outside the workspace. */
  clipSrc: z.optional(z.string()),
  /** Why there is no clipSrc. */
  clipProblem: z.optional(z.string()),
  /** The verified clip's length from its take record. */
  durationSeconds: z.optional(z.number()),
});
export type EntryTakeView = z.infer<typeof EntryTakeView>;

export const EntryView = z.object({
  /** Position in the file's "shots" array (what a move names). */
  index: nonneg(),
  /** The shot file as written in the sequence. */
  shot: z.string(),
  /** Its file name, for the card. */
  shotName: z.string(),
  take: z.optional(EntryTakeView),
  /** A take of this shot is being generated now. */
  generating: z.boolean(),
  /** Why there is no take: the entry's diagnostic (missing shot, missing pin, not generated yet: `notGenerated`). */
  problem: z.optional(
    z.object({ severity: z.enum(['error', 'warning', 'info']), message: z.string(), notGenerated: z.optional(z.boolean()) }),
  ),
});
export type EntryView = z.infer<typeof EntryView>;

/** What the sequence's shots cost so far: every fal take of each (in the cut or not); simulator takes apart. */
export const SequenceSpendView = z.object({
  usd: z.number().check(z.nonnegative()),
  takes: nonneg(),
  /** Shots with at least one fal take. */
  shots: nonneg(),
  simulatorTakes: nonneg(),
  /** What those simulator takes would have cost on fal. */
  simulatorAtFalUsd: z.optional(z.number().check(z.nonnegative())),
});
export type SequenceSpendView = z.infer<typeof SequenceSpendView>;

export const ToSequence = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sequence'),
    version: nonneg(),
    fileName: z.string(),
    entries: z.array(EntryView),
    /** Problems of the file itself (syntax, shape), which no card can show. */
    fileProblems: z.array(z.string()),
    /** Entries "Generate missing" would start (shots without a done take, not being generated). */
    missing: nonneg(),
    readOnly: z.boolean(),
    /** Absent until the take records have been summed. */
    spend: z.optional(SequenceSpendView),
    /** The file holds no JSON value yet (empty, blank or only comments): the page offers to start it. */
    blank: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  /** Answer with `synced`: a save waits for it, so a move sent just before Ctrl+S is in the file. */
  z.object({ type: z.literal('sync'), id: nonneg() }),
]);
export type ToSequence = z.infer<typeof ToSequence>;
export type SequenceDocMessage = Extract<ToSequence, { type: 'sequence' }>;

export const FromSequence = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Move the entry at shots[from] to shots[to]. */
  z.object({ type: z.literal('move'), from: nonneg(), to: nonneg() }),
  z.object({ type: z.literal('openShot'), index: nonneg() }),
  z.object({ type: z.literal('exportCut') }),
  z.object({ type: z.literal('generateMissing') }),
  z.object({ type: z.literal('reopenAsText') }),
  /** Pick shot files of the workspace and append them (a blank file becomes a sequence of them). */
  z.object({ type: z.literal('addShots') }),
  /** A new shot file from New Shot File's templates, appended. */
  z.object({ type: z.literal('newShot') }),
  z.object({ type: z.literal('synced'), id: nonneg() }),
]);
export type FromSequence = z.infer<typeof FromSequence>;
