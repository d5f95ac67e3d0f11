import * as vscode from 'vscode';
import { labelText, notificationText } from '../../core/ui-text';

/** One place the shot stands: a sequence file, and what follows the shot there. */
export interface SequenceChoice {
  label: string;
  description: string;
}

/**
 * The questions "Continue from Last Frame" may ask. Quick picks and modal dialogs cannot be
 * answered from an in-host test, so its test entry passes answers in; the product asks the user.
 */
export interface ContinuityQuestions {
  /** Which of several sequences to continue in; undefined: cancelled. */
  pickSequence(shotName: string, choices: readonly SequenceChoice[]): Promise<number | undefined>;
  /** Replace the next shot's different start image? */
  confirmReplace(nextShot: string, current: string, replacement: string): Promise<boolean>;
}

export const vscodeContinuityQuestions: ContinuityQuestions = {
  async pickSequence(shotName, choices) {
    const pick = await vscode.window.showQuickPick(
      choices.map((c, index) => ({ label: labelText(c.label), description: labelText(c.description), index })),
      { title: vscode.l10n.t('Continue {0} in which sequence?', shotName), ignoreFocusOut: true },
    );
    return pick?.index;
  },
  async confirmReplace(nextShot, current, replacement) {
    const replace = vscode.l10n.t('Replace Start Image');
    const pick = await vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('{0} already starts from {1}.', nextShot, current)),
      { modal: true, detail: vscode.l10n.t('Replace it with {0}? (One edit: Undo brings the file back.)', replacement) },
      replace,
    );
    return pick === replace;
  },
};
