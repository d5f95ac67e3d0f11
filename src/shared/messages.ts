// Host <-> webview messages for the shot editor: one zod source for both the types and the runtime
// check at the trust boundary. Anything that fails to parse is logged and dropped by the receiver.
import { z } from 'zod';

export const Position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
export const Range = z.object({ start: Position, end: Position });

export const EditorDiagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  range: Range,
});
export type EditorDiagnostic = z.infer<typeof EditorDiagnostic>;

/** Host -> webview. `version` is the TextDocument version the payload was computed from. */
export const ToWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('document'),
    version: z.number().int(),
    fileName: z.string(),
    text: z.string(),
    diagnostics: z.array(EditorDiagnostic),
  }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

/** Webview -> host: intents, never state. */
export const FromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.number().int().optional() }),
  z.object({ type: z.literal('reopenAsText') }),
  z.object({ type: z.literal('revealRange'), range: Range }),
]);
export type FromWebview = z.infer<typeof FromWebview>;
