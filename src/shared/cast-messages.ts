// Host <-> webview messages of the cast editor. zod/mini, as the other editors': both sides check
// the same shapes, and whatever fails to parse is logged and dropped by the receiver.
import * as z from 'zod/mini';

export const MemberView = z.object({
  name: z.string(),
  description: z.optional(z.string()),
  /** What the card shows: the frontal image, or the member's video (its first frame as the poster). */
  thumb: z.optional(z.object({ kind: z.enum(['image', 'video']), src: z.string() })),
  /** Why there is no thumbnail (outside the workspace, remote previews off, …). */
  thumbProblem: z.optional(z.string()),
  /** Reference images the page may load. */
  references: z.array(z.string()),
  /** The voice sample the page may play, or the voice id given. */
  voiceSrc: z.optional(z.string()),
  voiceId: z.optional(z.string()),
  /** Shots (workspace-relative) that use the member. */
  usedIn: z.array(z.object({ file: z.string(), label: z.string() })),
});
export type MemberView = z.infer<typeof MemberView>;

export const ToCast = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cast'),
    version: z.int().check(z.nonnegative()),
    fileName: z.string(),
    members: z.array(MemberView),
    /** Problems of the file (shape, names), as text. */
    problems: z.array(z.string()),
    readOnly: z.boolean(),
    /** The file holds no JSON value yet (empty, blank or only comments): the page offers to start it. */
    blank: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type ToCast = z.infer<typeof ToCast>;
export type CastDocMessage = Extract<ToCast, { type: 'cast' }>;

export const FromCast = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Add a member: the host asks for the images and the name (the in-host tests give both). */
  z.object({ type: z.literal('addMember'), name: z.optional(z.string()), images: z.optional(z.array(z.string())) }),
  z.object({ type: z.literal('renameMember'), name: z.string() }),
  z.object({ type: z.literal('removeMember'), name: z.string() }),
  z.object({ type: z.literal('openShot'), file: z.string() }),
  z.object({ type: z.literal('reopenAsText') }),
  /** Fill an empty file with a cast of no members (refused when the file holds anything). */
  z.object({ type: z.literal('startFromTemplate') }),
]);
export type FromCast = z.infer<typeof FromCast>;
