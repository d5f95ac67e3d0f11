import * as vscode from 'vscode';
import type { Jobs } from '../common/jobs';
import type { TakeChanges } from '../common/take-changes';
import type { Log } from '../log';
import { exportCut } from './export-cut';
import { newSequence } from './new-sequence';
import { SequenceDiagnostics } from './sequence-diagnostics';
import { SequenceEditorProvider } from './sequence-editor-provider';
import { SequenceReports } from './sequence-reports';
import type { SequenceEditorDeps } from './sequence-editor-session';

export interface SequenceDeps {
  log: Log;
  /** The running jobs: a card shows "generating" while its shot has one. */
  jobs: Jobs;
  /** Take files changing: what a sequence resolves to follows them. */
  takeChanges: TakeChanges;
  spend: NonNullable<SequenceEditorDeps['spend']>;
  /** ExtensionMode.Test: the hidden command the in-host tests drive the editor with. */
  testHooks: boolean;
}

/** Sequences: their Problems, New Sequence, the sequence editor and Export Cut. */
export function registerSequence(context: vscode.ExtensionContext, deps: SequenceDeps): vscode.Disposable {
  const reports = new SequenceReports(deps.takeChanges);
  return vscode.Disposable.from(
    new SequenceDiagnostics(deps.log, reports),
    vscode.commands.registerCommand('klingStudio.newSequence', (folder?: unknown) =>
      newSequence(folder instanceof vscode.Uri ? folder : undefined),
    ),
    vscode.commands.registerCommand('klingStudio.exportCut', (uri?: vscode.Uri, target?: vscode.Uri) => exportCut(deps.log, uri, target)),
    SequenceEditorProvider.register(context, deps.log, deps.jobs, {
      testHooks: deps.testHooks,
      reports,
      spend: deps.spend,
    }),
    reports,
  );
}
