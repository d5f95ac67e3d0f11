// "Continue from Last Frame" between the host and the takes panel: the host asks the panel to
// decode a clip's last frame (the webview plays H.264, so no ffmpeg is needed), the panel answers
// with the PNG as base64 or says why it could not. The host checks the bytes again (core's
// checkPngFrame) before anything reaches the disk.
import * as z from 'zod/mini';

/** A frame of a 4K clip as PNG stays well under this; base64 adds a third. */
export const LAST_FRAME_MAX_BASE64 = Math.ceil((64 * 1024 * 1024 * 4) / 3) + 4;

const RequestId = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * Host -> webview: decode the last frame of the clip at `src` (a webview URI of the take's clip),
 * or with `at: 'first'` its first frame, small (the take's poster beside its clip).
 */
export const GrabLastFrame = z.object({
  type: z.literal('grabLastFrame'),
  requestId: RequestId,
  src: z.string().check(z.maxLength(4000)),
  at: z.optional(z.enum(['first', 'last'])),
});
export type GrabLastFrame = z.infer<typeof GrabLastFrame>;

/** Webview -> host: the button on a take (the host runs klingStudio.continueFromLastFrame). */
export const ContinueFromLastFrame = z.object({ type: z.literal('continueFromLastFrame'), id: z.string().check(z.maxLength(200)) });

/** Webview -> host: the frame, a PNG as base64. */
export const LastFrame = z.object({
  type: z.literal('lastFrame'),
  requestId: RequestId,
  png: z.string().check(z.minLength(1), z.maxLength(LAST_FRAME_MAX_BASE64), z.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
});
export type LastFrame = z.infer<typeof LastFrame>;

export const LastFrameFailure = z.enum(['load', 'decode', 'timeout']);
export type LastFrameFailure = z.infer<typeof LastFrameFailure>;

/** Webview -> host: the clip could not be loaded or decoded here. */
export const LastFrameFailed = z.object({
  type: z.literal('lastFrameFailed'),
  requestId: RequestId,
  reason: LastFrameFailure,
  detail: z.string().check(z.maxLength(500)),
});
export type LastFrameFailed = z.infer<typeof LastFrameFailed>;
