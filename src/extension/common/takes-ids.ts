// Names the takes panel shares with other features: continuity finds the panel's tab by its view
// type, and the panel's Continue button runs continuity's command.

/** The takes panel's webview view type (package.json's `onWebviewPanel:klingStudio.takes`). */
export const TAKES_VIEW_TYPE = 'klingStudio.takes';

/** Runs "Continue from Last Frame" on a take record (src/extension/continuity). */
export const CONTINUE_FROM_LAST_FRAME_COMMAND = 'klingStudio.continueFromLastFrame';
