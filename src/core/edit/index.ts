// Pure intent → text edit functions for the shot editor (no vscode; unit-tested on tricky files).
export type { ShotIntent, ShotIntentKind, JsonValue } from './intents';
export { applyIntent, EditError, type IntentResult } from './apply-intent';
export { setValue, removeValue, insertValue, moveItem, valueAt } from './json-ops';
export { minimalEdit, editsBetween } from './text-diff';
export { detectFormatStyle, type FormatStyle } from './format-style';
