// Host <-> webview messages of the takes panel: one zod source for the types and the runtime check
// at the trust boundary. Anything that fails to parse is logged and dropped by the receiver.
// zod/mini (as in messages.ts): it tree-shakes to a few KB in the webview bundle.
import * as z from 'zod/mini';
import { ContinueFromLastFrame, GrabLastFrame, LastFrame, LastFrameFailed } from './last-frame-messages';

export const TakeStatus = z.enum(['reserved', 'submitting', 'queued', 'running', 'downloading', 'done', 'failed', 'cancelled', 'unknown']);

export const AudioInfo = z.object({
  /** Codec of the clip's audio track, as read from the MP4 header; null when there is none. */
  codec: z.nullable(z.string()),
  /** True when this VS Code's webview cannot play that audio (AAC on desktop). */
  unsupported: z.boolean(),
  /** A copy of the clip with MP3 audio exists (or can be made: ffmpeg was found). */
  mp3Copy: z.enum(['ready', 'can-make', 'unavailable']),
});
export type AudioInfo = z.infer<typeof AudioInfo>;

/** One media setting of a take's request and how the details may show it. */
export const TakeMedia = z.object({
  /** Where it sits in the request: `start_image_url`, `elements[0].reference_image_urls[1]`. */
  key: z.string(),
  /** The value as sent (an uploaded fal URL, an https: URL, or a local path of an older record). */
  value: z.string(),
  kind: z.enum(['image', 'video', 'audio']),
  /** A URL the webview may load: asWebviewUri of a local file inside the workspace, or the https: URL. */
  src: z.optional(z.string()),
  /** Why there is no thumbnail (outside the workspace, remote previews off, not https). */
  problem: z.optional(z.string()),
});
export type TakeMedia = z.infer<typeof TakeMedia>;

export const TimedPhase = z.enum(['queued', 'running', 'downloading']);

/** Everything the details list shows beyond the summary: the request's settings, the clip, the times. */
export const TakeDetails = z.object({
  /** Every key of the request as sent except the prompt (shown above), values as short text. */
  settings: z.array(z.object({ key: z.string(), value: z.string() })),
  /** The landed clip as read from its file: `5.04 s · 1280×720 · 4.2 MB`. */
  clip: z.optional(z.string()),
  times: z.array(z.object({ what: z.string(), at: z.string() })),
  /** How long the take was queued, running and downloading (the phases whose ends are known). */
  phases: z.optional(z.array(z.object({ phase: TimedPhase, ms: z.number() }))),
  /** Every media setting of the request, with a thumbnail where one may be shown. */
  media: z.optional(z.array(TakeMedia)),
});
export type TakeDetails = z.infer<typeof TakeDetails>;

export const TakeView = z.object({
  id: z.string(),
  /** The take's number in its shot (#1, #2, …). */
  number: z.optional(z.number()),
  /** The creator's rating, 1–5, and note. */
  rating: z.optional(z.number()),
  note: z.optional(z.string()),
  status: TakeStatus,
  /** The prompt, or the shots' prompts joined, shortened. */
  prompt: z.string(),
  endpoint: z.string(),
  durationS: z.optional(z.number()),
  aspect: z.optional(z.string()),
  costUsd: z.optional(z.number()),
  /** What fal billed (billable units × the estimate's price), and a note when far from the estimate. */
  billedUsd: z.optional(z.number()),
  billingNote: z.optional(z.string()),
  simulated: z.optional(z.boolean()),
  /** A simulated take: what fal would have charged for it, where the record has it. */
  atFalUsd: z.optional(z.number()),
  requestId: z.optional(z.string()),
  createdAt: z.string(),
  error: z.optional(z.string()),
  /** webview URI of the clip (cache-busted), only when the clip is on disk. */
  clipSrc: z.optional(z.string()),
  /** webview URI of the MP3-audio copy, when it exists. */
  mp3Src: z.optional(z.string()),
  audio: z.optional(AudioInfo),
  running: z.boolean(),
  /** The shot's circled take: the one the creator keeps (at most one per shot). */
  circled: z.optional(z.boolean()),
  details: z.optional(TakeDetails),
  progress: z.optional(z.string()),
});
export type TakeView = z.infer<typeof TakeView>;

/** Host -> webview. */
export const ToTakes = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('takes'),
    shotName: z.string(),
    /** The shot shown (the panel follows the active shot file unless pinned): kept for a reload. */
    shotUri: z.optional(z.string()),
    pinned: z.optional(z.boolean()),
    takes: z.array(TakeView),
    /** Select this take (e.g. the one that just landed). */
    select: z.optional(z.string()),
    /** The selected take just landed: play it at once, muted (a browser allows muted autoplay only). */
    autoplay: z.optional(z.boolean()),
    /** Desktop VS Code cannot play AAC in webviews; the browser-hosted one can. */
    desktop: z.boolean(),
    /**
     * A system player can open the clip: false in the browser (code-server, vscode.dev) and in a
     * remote window, where the file is not on the user's machine. "Save Clip As…" stands in.
     */
    systemPlayer: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('busy'), id: z.string(), what: z.nullable(z.string()) }),
  GrabLastFrame,
]);
export type ToTakes = z.infer<typeof ToTakes>;

const WithId = { id: z.string().check(z.maxLength(200)) };

/** Webview -> host: intents only. */
export const FromTakes = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('select'), ...WithId }),
  z.object({ type: z.literal('regenerate') }),
  /** Variations: asks how many takes (1–4), one cost confirmation for all. */
  z.object({ type: z.literal('generateTakes') }),
  /** Keep this panel on its shot (true) or let it follow the active shot file (false). */
  z.object({ type: z.literal('pin'), pinned: z.boolean() }),
  z.object({ type: z.literal('cancel'), ...WithId }),
  z.object({ type: z.literal('openExternal'), ...WithId }),
  z.object({ type: z.literal('reveal'), ...WithId }),
  z.object({ type: z.literal('copyRequestId'), ...WithId }),
  z.object({ type: z.literal('delete'), ...WithId }),
  z.object({ type: z.literal('makeMp3Copy'), ...WithId }),
  /** Copy the clip to a place the user picks (where no system player can open it). */
  z.object({ type: z.literal('saveClipAs'), ...WithId }),
  /** Compare this take with another of the shot (`with`, else the host asks which). */
  z.object({ type: z.literal('compare'), ...WithId, with: z.optional(z.string().check(z.maxLength(200))) }),
  z.object({ type: z.literal('openShot') }),
  /** Circle this take (and so uncircle the shot's others), or uncircle it. */
  z.object({ type: z.literal('circle'), ...WithId, circled: z.boolean() }),
  /** Rate the take (1–5, null clears) and/or write its note (null or empty clears); absent leaves it. */
  z.object({
    type: z.literal('review'),
    ...WithId,
    rating: z.optional(z.nullable(z.number())),
    note: z.optional(z.nullable(z.string().check(z.maxLength(2000)))),
  }),
  /** Write this take's request into the shot file (one undoable edit). */
  z.object({ type: z.literal('useSettings'), ...WithId }),
  /** Generate again with this take's request (asks first when the file differs). */
  z.object({ type: z.literal('regenerateTake'), ...WithId }),
  ContinueFromLastFrame,
  LastFrame,
  LastFrameFailed,
]);
export type FromTakes = z.infer<typeof FromTakes>;

/** What the webview keeps with setState, and what the serializer restores the panel from. */
export const TakesPanelState = z.object({ shotUri: z.string(), selected: z.optional(z.string()), currentTime: z.optional(z.number()) });
export type TakesPanelState = z.infer<typeof TakesPanelState>;
