import * as vscode from 'vscode';
import type { ShotIntent } from '../../core/edit';
import type { Log } from '../log';
import type { AnalysisSource } from './analysis-source';
import { TYPING_PAUSE_MS } from '../common/edit-queue';
import { ShotEditorSession } from './shot-editor-session';
import type { TakeChanges } from '../common/take-changes';

export const SHOT_EDITOR_VIEW_TYPE = 'klingStudio.shotEditor';
/** Hidden command for the in-host tests: apply an intent to an open shot editor, as the webview would. */
export const APPLY_INTENT_TEST_COMMAND = 'klingStudio._test.applyIntent';
/** Hidden command for the in-host tests: the diagnostics count the shot editor of a file last showed. */
export const EDITOR_DIAGNOSTICS_TEST_COMMAND = 'klingStudio._test.editorDiagnostics';
/** What the first shot editor of a file last said about the shot's circled take. */
export const CIRCLED_TAKE_TEST_COMMAND = 'klingStudio._test.circledTake';
/** Hidden command for the in-host tests: queue a burst of intents (typing) without waiting for them. */
export const PUSH_INTENTS_TEST_COMMAND = 'klingStudio._test.pushIntents';
/** Hidden command for the in-host tests: the typing pause of editors opened from now on (ms). */
export const TYPING_PAUSE_TEST_COMMAND = 'klingStudio._test.typingPause';

/**
 * The shot editor is a CustomTextEditor: the TextDocument is the only model, so undo/redo, dirty
 * state, save and hot exit come from VS Code. The webview renders what a session sends (text
 * version + parsed model + diagnostics) and sends back intents.
 */
export class ShotEditorProvider implements vscode.CustomTextEditorProvider {
  readonly sessions = new Map<string, Set<ShotEditorSession>>();
  /** The in-host tests lengthen it so that only the other ways held typing goes in can be seen. */
  private typingPauseMs = TYPING_PAUSE_MS;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly analyses: AnalysisSource,
    private readonly takeChanges: TakeChanges,
  ) {}

  /** `testHooks` (ExtensionMode.Test only) adds the hidden command the in-host tests drive editors with. */
  static register(
    context: vscode.ExtensionContext,
    log: Log,
    analyses: AnalysisSource,
    opts: { testHooks?: boolean; takeChanges: TakeChanges },
  ): vscode.Disposable {
    const provider = new ShotEditorProvider(context.extensionUri, log, analyses, opts.takeChanges);
    const owned = [
      vscode.window.registerCustomEditorProvider(SHOT_EDITOR_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true }),
      ...(opts.testHooks
        ? [
            vscode.commands.registerCommand(APPLY_INTENT_TEST_COMMAND, (uri: vscode.Uri, intent: ShotIntent) =>
              provider.applyForTest(uri, intent),
            ),
            vscode.commands.registerCommand(TYPING_PAUSE_TEST_COMMAND, (ms?: number) => {
              provider.typingPauseMs = ms ?? TYPING_PAUSE_MS;
            }),
            vscode.commands.registerCommand(PUSH_INTENTS_TEST_COMMAND, (uri: vscode.Uri, intents: ShotIntent[]) => {
              const session = [...(provider.sessions.get(uri.toString()) ?? [])][0];
              session?.pushForTest(intents);
              return session !== undefined;
            }),
            vscode.commands.registerCommand(EDITOR_DIAGNOSTICS_TEST_COMMAND, (uri: vscode.Uri) =>
              [...(provider.sessions.get(uri.toString()) ?? [])]
                .map(s => s.lastPosted && { ...s.lastPosted, ready: s.pageReady })
                .find(p => p),
            ),
            vscode.commands.registerCommand(CIRCLED_TAKE_TEST_COMMAND, (uri: vscode.Uri) =>
              [...(provider.sessions.get(uri.toString()) ?? [])].map(s => s.circledTake.last).find(c => c),
            ),
          ]
        : []),
    ];
    return vscode.Disposable.from(...owned.reverse());
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    // The session's webview host writes the page: its CSP follows the remote-previews policy.
    const session = new ShotEditorSession(
      document,
      panel,
      this.extensionUri,
      this.analyses,
      this.log,
      this.takeChanges,
      this.typingPauseMs,
    );
    const key = document.uri.toString();
    const set = this.sessions.get(key) ?? new Set();
    set.add(session);
    this.sessions.set(key, set);
    session.onDidDispose(() => {
      set.delete(session);
      if (set.size === 0) {
        this.sessions.delete(key);
      }
    });
  }

  private async applyForTest(uri: vscode.Uri, intent: ShotIntent): Promise<boolean> {
    const session = [...(this.sessions.get(uri.toString()) ?? [])][0];
    if (!session) {
      return false;
    }
    await session.enqueue(intent);
    return true;
  }
}
