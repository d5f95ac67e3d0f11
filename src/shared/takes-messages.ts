// Host <-> webview messages of the takes panel: one zod source for the types and the runtime check
// at the trust boundary. Anything that fails to parse is logged and dropped by the receiver.
import { z } from 'zod';

export const TakeStatus = z.enum(['submitting', 'queued', 'running', 'downloading', 'done', 'failed', 'cancelled', 'unknown']);

export const AudioInfo = z.object({
  /** Codec of the clip's audio track, as read from the MP4 header; null when there is none. */
  codec: z.string().nullable(),
  /** True when this VS Code's webview cannot play that audio (AAC on desktop). */
  unsupported: z.boolean(),
  /** A copy of the clip with MP3 audio exists (or can be made: ffmpeg was found). */
  mp3Copy: z.enum(['ready', 'can-make', 'unavailable']),
});
export type AudioInfo = z.infer<typeof AudioInfo>;

export const TakeView = z.object({
  id: z.string(),
  status: TakeStatus,
  /** The prompt, or the shots' prompts joined, shortened. */
  prompt: z.string(),
  endpoint: z.string(),
  durationS: z.number().optional(),
  aspect: z.string().optional(),
  costUsd: z.number().optional(),
  requestId: z.string().optional(),
  createdAt: z.string(),
  error: z.string().optional(),
  /** webview URI of the clip (cache-busted), only when the clip is on disk. */
  clipSrc: z.string().optional(),
  /** webview URI of the MP3-audio copy, when it exists. */
  mp3Src: z.string().optional(),
  audio: AudioInfo.optional(),
  running: z.boolean(),
  progress: z.string().optional(),
});
export type TakeView = z.infer<typeof TakeView>;

/** Host -> webview. */
export const ToTakes = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('takes'),
    shotName: z.string(),
    takes: z.array(TakeView),
    /** Select this take (e.g. the one that just landed). */
    select: z.string().optional(),
    /** Desktop VS Code cannot play AAC in webviews; the browser-hosted one can. */
    desktop: z.boolean(),
  }),
  z.object({ type: z.literal('busy'), id: z.string(), what: z.string().nullable() }),
]);
export type ToTakes = z.infer<typeof ToTakes>;

const WithId = { id: z.string().max(200) };

/** Webview -> host: intents only. */
export const FromTakes = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('select'), ...WithId }),
  z.object({ type: z.literal('regenerate') }),
  z.object({ type: z.literal('cancel'), ...WithId }),
  z.object({ type: z.literal('openExternal'), ...WithId }),
  z.object({ type: z.literal('reveal'), ...WithId }),
  z.object({ type: z.literal('copyRequestId'), ...WithId }),
  z.object({ type: z.literal('delete'), ...WithId }),
  z.object({ type: z.literal('makeMp3Copy'), ...WithId }),
  z.object({ type: z.literal('openShot') }),
]);
export type FromTakes = z.infer<typeof FromTakes>;

/** What the webview keeps with setState, and what the serializer restores the panel from. */
export const TakesPanelState = z.object({ shotUri: z.string(), selected: z.string().optional(), currentTime: z.number().optional() });
export type TakesPanelState = z.infer<typeof TakesPanelState>;
