// Host <-> webview messages of the compare view (two takes side by side). zod/mini, as the others.
import * as z from 'zod/mini';

const Side = z.object({
  /** `Take #3 · <time>`: what the column is called. */
  label: z.string(),
  /** Whether this take is its shot's circled take (the Circle button's pressed state). */
  circled: z.optional(z.boolean()),
  /** Whether it can be circled (a finished take with a clip). */
  canCircle: z.optional(z.boolean()),
  /** webview URI of the clip; absent when the clip is not on disk. */
  clipSrc: z.optional(z.string()),
  /** Why the clip is not offered although the take has one (it points outside the workspace). */
  problem: z.optional(z.string()),
});

const Change = z.object({ key: z.string(), a: z.optional(z.string()), b: z.optional(z.string()) });

export const ToCompare = z.object({
  type: z.literal('compare'),
  a: Side,
  b: Side,
  diff: z.object({
    endpoint: z.optional(z.object({ a: z.string(), b: z.string() })),
    prompt: z.optional(z.array(z.object({ text: z.string(), in: z.enum(['a', 'b', 'both']) }))),
    settings: z.array(Change),
    media: z.array(Change),
  }),
});
export type ToCompare = z.infer<typeof ToCompare>;

export const FromCompare = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Circle the take of column `side` (and so uncircle the shot's others), or uncircle it. */
  z.object({ type: z.literal('circle'), side: z.enum(['a', 'b']), circled: z.boolean() }),
]);
export type FromCompare = z.infer<typeof FromCompare>;
