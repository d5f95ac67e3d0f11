// Host <-> webview messages for the shot editor: one zod source for both the types and the runtime
// check at the trust boundary. Anything that fails to parse is logged and dropped by the receiver.
import { z } from 'zod';
import type { ShotIntent } from '../core/edit/intents';

export const Position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
export const Range = z.object({ start: Position, end: Position });
export const JsonPath = z.array(z.union([z.string(), z.number().int().nonnegative()]));

export const EditorDiagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  path: JsonPath,
  range: Range,
});
export type EditorDiagnostic = z.infer<typeof EditorDiagnostic>;

export const ResolvedEndpoint = z.object({
  id: z.string(),
  kind: z.enum(['text-to-video', 'image-to-video', 'motion-control']),
  tier: z.enum(['pro', 'standard', '4k']),
  inferred: z.boolean(),
});

/** How the webview can show one media value (a path or URL as written in the file). */
export const MediaView = z.object({
  value: z.string(),
  kind: z.enum(['image', 'video']),
  /** A URL the webview may load: asWebviewUri of a local file, or the https: URL itself. */
  src: z.string().optional(),
  /** Why there is no src (missing file, outside the workspace, not https). */
  problem: z.string().optional(),
});
export type MediaView = z.infer<typeof MediaView>;

export const CostView = z.object({
  usd: z.number(),
  seconds: z.number(),
  perSecond: z.number(),
  audio: z.boolean(),
  source: z.string(),
});
export type CostView = z.infer<typeof CostView>;

export const DocumentMessage = z.object({
  type: z.literal('document'),
  /** TextDocument version the payload was computed from. */
  version: z.number().int(),
  /** Highest intent `seq` applied (or refused) before this version was read; 0 for none. */
  ackSeq: z.number().int().nonnegative(),
  fileName: z.string(),
  text: z.string(),
  /** The parsed value (comments/trailing commas allowed); absent when nothing parsed. */
  root: z.unknown().optional(),
  endpoint: ResolvedEndpoint,
  diagnostics: z.array(EditorDiagnostic),
  /** True once the (async) media checks of this version are included in `diagnostics`. */
  mediaChecked: z.boolean(),
  media: z.array(MediaView),
  cost: CostView.nullable(),
  readOnly: z.boolean(),
});
export type DocumentMessage = z.infer<typeof DocumentMessage>;

/** Host -> webview. */
export const ToWebview = z.discriminatedUnion('type', [
  DocumentMessage,
  /** An intent could not be applied (e.g. a 7th shot); shown inline, nothing changed. */
  z.object({ type: z.literal('intentFailed'), seq: z.number().int(), message: z.string() }),
  /** Focus a field after a structural change (e.g. the prompt of a new shot). */
  z.object({ type: z.literal('focus'), path: JsonPath }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

const JsonValue: z.ZodType<ShotIntentValue> = z.json() as z.ZodType<ShotIntentValue>;
type ShotIntentValue = Extract<ShotIntent, { kind: 'set' }>['value'];
const index = z.number().int().nonnegative();

/** The intents of core/edit, validated before the host turns them into text edits. */
export const Intent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set'), path: JsonPath.min(1), value: JsonValue }),
  z.object({ kind: z.literal('remove'), path: JsonPath.min(1) }),
  z.object({ kind: z.literal('insert'), path: JsonPath.min(1), index, value: JsonValue }),
  z.object({ kind: z.literal('setMode'), mode: z.enum(['single', 'storyboard']) }),
  z.object({ kind: z.literal('addShot'), index: index.optional() }),
  z.object({ kind: z.literal('duplicateShot'), index }),
  z.object({ kind: z.literal('removeShot'), index }),
  z.object({ kind: z.literal('moveShot'), from: index, to: index }),
  z.object({ kind: z.literal('resizeShots'), index, delta: z.number().int().min(-15).max(15) }),
  z.object({ kind: z.literal('fitDuration') }),
]);
// Compile-time proof that every validated intent is one core/edit understands.
const _intentFits = (i: z.infer<typeof Intent>): ShotIntent => i;
void _intentFits;

/** Where a picked file goes: replace the value at `path`, or insert into the list at `path`. */
export const MediaTarget = z.object({ path: JsonPath.min(1), insertAt: index.optional() });

/** Webview -> host: intents, never state. */
export const FromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.number().int().optional() }),
  z.object({ type: z.literal('intent'), seq: z.number().int().positive(), intent: Intent, focus: JsonPath.optional() }),
  z.object({ type: z.literal('pickMedia'), seq: z.number().int().positive(), kind: z.enum(['image', 'video']), target: MediaTarget, wrap: z.enum(['element']).optional() }),
  z.object({ type: z.literal('reopenAsText') }),
  z.object({ type: z.literal('revealRange'), range: Range }),
  z.object({ type: z.literal('generate') }),
  /** First paint of a document version, for the open → first paint measurement in the log. */
  z.object({ type: z.literal('painted'), version: z.number().int(), ms: z.number() }),
]);
export type FromWebview = z.infer<typeof FromWebview>;
