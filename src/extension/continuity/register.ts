import * as vscode from 'vscode';
import { CONTINUE_FROM_LAST_FRAME_COMMAND } from '../takes/take-actions';
import { continueFromLastFrame, type ContinueDeps, type ContinueResult } from './continue-from-last-frame';
import type { ContinuityQuestions } from './continuity-questions';

/** The in-host tests' entry: PNG bytes instead of the webview's decode, and the answers to its questions. */
export const CONTINUE_TEST_COMMAND = 'klingStudio._test.continueFromLastFrame';

export interface ContinueTestAnswers {
  /** Index of the sequence to pick when several list the shot. */
  sequence?: number;
  /** Replace a different start image? */
  replace?: boolean;
}

/** What the test entry returns: the result, undefined when the user said no, or the error shown. */
export type ContinueTestResult = ContinueResult | { error: string } | undefined;

/** klingStudio.continueFromLastFrame (a take record's Uri or path, or a Generations tree node), and in test mode its test entry. */
export function registerContinuity(deps: ContinueDeps, testHooks: boolean): vscode.Disposable {
  const subs = [vscode.commands.registerCommand(CONTINUE_FROM_LAST_FRAME_COMMAND, (arg?: unknown) => continueFromLastFrame(deps, arg))];
  if (testHooks) {
    subs.push(
      vscode.commands.registerCommand(
        CONTINUE_TEST_COMMAND,
        async (record: string, png?: Uint8Array, answers: ContinueTestAnswers = {}) => {
          const questions: ContinuityQuestions = {
            pickSequence: async () => answers.sequence,
            confirmReplace: async () => answers.replace ?? false,
          };
          let error: string | undefined;
          const result = await continueFromLastFrame(deps, record, { ...(png && { png }), questions, showError: m => (error = m) });
          return error === undefined ? result : { error };
        },
      ),
    );
  }
  return vscode.Disposable.from(...subs);
}
