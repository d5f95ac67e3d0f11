// What the shot editor can ask for. Intents describe the user's action, not the resulting text:
// the host re-derives the edit from the document as it is now, so a stale webview cannot clobber a
// change made meanwhile in a text editor beside it.
import type { JsonPath } from '../types';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ShotIntent =
  /** Set a field (creating it, or its parents, when missing). */
  | { kind: 'set'; path: JsonPath; value: JsonValue }
  /** Remove a key or array item; on a field with a default this is "reset to default". */
  | { kind: 'remove'; path: JsonPath }
  /** Insert into a list (elements, reference images); index ≥ length appends. */
  | { kind: 'insert'; path: JsonPath; index: number; value: JsonValue }
  /** Switch between one `prompt` and a `multi_prompt` storyboard, carrying the text over. */
  | { kind: 'setMode'; mode: 'single' | 'storyboard' }
  | { kind: 'addShot'; index?: number }
  | { kind: 'duplicateShot'; index: number }
  | { kind: 'removeShot'; index: number }
  | { kind: 'moveShot'; from: number; to: number }
  /** Reorder a list of media (reference images, keyframes): their order is the order fal reads them. */
  | { kind: 'moveItem'; path: JsonPath; from: number; to: number }
  /** Move the boundary after shot `index`: it gains `delta` seconds, the next shot loses them. */
  | { kind: 'resizeShots'; index: number; delta: number }
  /** Fill an empty file with the starter template (refused when the file holds anything). */
  | { kind: 'startFromTemplate' }
  /** Apply a quick fix of a diagnostic (the one list of fixes, core's `quickFixes`), found by its title. */
  | { kind: 'quickFix'; code: string; path: JsonPath; title: string };

export type ShotIntentKind = ShotIntent['kind'];
