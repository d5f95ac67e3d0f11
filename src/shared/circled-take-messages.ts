// The shot editor's line about the shot's circled take (host -> webview) and its button (webview ->
// host). Part of the shot editor's unions in messages.ts.
import * as z from 'zod/mini';

export const CircledTakeMessage = z.object({
  type: z.literal('circledTake'),
  /** How many takes the shot has (0: "No takes yet"). */
  count: z.int().check(z.nonnegative()),
  /** The circled take, when the shot has one. */
  take: z.optional(
    z.object({
      id: z.string(),
      /** The record's name without `.take.json`: `hero.20260314-091502`. */
      name: z.string(),
      createdAt: z.string(),
      status: z.string(),
      /** The clip's own length once verified, else the requested one. */
      durationS: z.optional(z.number()),
      /** asWebviewUri of the clip (its first frame is the thumbnail), only when it is inside the workspace. */
      thumbSrc: z.optional(z.string()),
    }),
  ),
});
export type CircledTakeMessage = z.infer<typeof CircledTakeMessage>;

/** Open the takes panel on this shot, with its circled take selected when it has one. */
export const OpenTakesMessage = z.object({ type: z.literal('openTakes') });
