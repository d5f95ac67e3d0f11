import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Jobs } from '../common/jobs';
import type { Log } from '../log';
import { SequenceEditorSession, type SequenceEditorDeps } from './sequence-editor-session';
import type { SequenceReports } from './sequence-reports';

export const SEQUENCE_EDITOR_VIEW_TYPE = 'klingStudio.sequenceEditor';
/**
 * Hidden command for the in-host tests: hand a message to the open sequence editor of a file as its
 * webview would (resolves with Generate's outcome for "generateMissing"); without a message, the
 * editor's last document message.
 */
export const SEQUENCE_EDITOR_TEST_COMMAND = 'klingStudio._test.sequenceEditor';

/**
 * The sequence editor is a CustomTextEditor beside the shot editor: the TextDocument is the only
 * model, so undo/redo, dirty state, save and hot exit come from VS Code.
 */
export class SequenceEditorProvider implements vscode.CustomTextEditorProvider {
  readonly sessions = new Map<string, Set<SequenceEditorSession>>();

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly jobs: Jobs,
    private readonly reports: SequenceReports,
    private readonly spend?: SequenceEditorDeps['spend'],
  ) {}

  static register(
    context: vscode.ExtensionContext,
    log: Log,
    jobs: Jobs,
    opts: { testHooks?: boolean; reports: SequenceReports; spend?: SequenceEditorDeps['spend'] },
  ): vscode.Disposable {
    const provider = new SequenceEditorProvider(context.extensionUri, log, jobs, opts.reports, opts.spend);
    const owned = [
      vscode.window.registerCustomEditorProvider(SEQUENCE_EDITOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true }),
      ...(opts.testHooks
        ? [
            vscode.commands.registerCommand(SEQUENCE_EDITOR_TEST_COMMAND, (uri: vscode.Uri, msg?: unknown) => {
              const session = [...(provider.sessions.get(uri.toString()) ?? [])][0];
              return msg === undefined ? session?.lastMessage : session?.receive(msg);
            }),
          ]
        : []),
    ];
    return vscode.Disposable.from(...owned.reverse());
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session = new SequenceEditorSession(document, panel, {
      extensionUri: this.extensionUri,
      log: this.log,
      runningShots: () => new Set(this.jobs.running.map(j => path.resolve(j.shotUri.fsPath))),
      onJobsChange: this.jobs.onDidChange,
      reports: this.reports,
      spend: this.spend,
    });
    const key = document.uri.toString();
    const set = this.sessions.get(key) ?? new Set();
    set.add(session);
    this.sessions.set(key, set);
    session.onDidDispose(() => {
      set.delete(session);
      if (set.size === 0) this.sessions.delete(key);
    });
  }
}
