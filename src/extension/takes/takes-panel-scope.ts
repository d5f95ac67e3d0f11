import * as vscode from 'vscode';
import type { JobControl } from '../common/jobs';
import type { Prompts } from '../common/prompts';
import type { Log } from '../log';
import type { TakeChanges } from '../common/take-changes';

export interface TakesPanelDeps {
  extensionUri: vscode.Uri;
  service: JobControl;
  log: Log;
  prompts: () => Prompts;
  /** Told when this panel circles or trashes a take (the shot editors follow); tells it of take files changing. */
  takeChanges: TakeChanges;
}

/** What the parts of a takes panel share: the shot it shows now, and a way to show its takes again. */
export interface TakesPanelScope {
  readonly shotUri: vscode.Uri;
  readonly outputDir: string;
  readonly deps: TakesPanelDeps;
  /** Reads the takes again and sends them, with `select` selected in the list. */
  refresh(select?: string): Promise<void>;
}

/** Only a desktop window working on local files can hand a clip to the OS's player. */
export function canUseSystemPlayer(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
}
