import * as vscode from 'vscode';
import { formatElapsed } from './progress-text';
import { notificationText } from '../../core/ui-text';

/**
 * The questions Generate asks. Modal dialogs cannot be answered from an in-host test, so the
 * tests swap this object through the test API; the product always uses `vscodePrompts`.
 */
export interface Prompts {
  confirmCost(summary: string, detail: string): Promise<boolean>;
  confirmDuplicate(shotName: string, ageMs: number): Promise<boolean>;
  noKey(): Promise<'set-key' | 'simulator' | undefined>;
  confirmDelete(what: string): Promise<boolean>;
  /** Regenerate from a take whose request the shot file no longer matches: whose settings to use. */
  regenerateWhich(shotName: string): Promise<'take' | 'file' | undefined>;
}

export const vscodePrompts: Prompts = {
  async confirmCost(summary, detail) {
    const go = vscode.l10n.t('Generate');
    // The summary names the shot file: its name is text from the disk.
    return (await vscode.window.showWarningMessage(notificationText(summary), { modal: true, detail }, go)) === go;
  },
  async confirmDuplicate(shotName, ageMs) {
    const again = vscode.l10n.t('Submit Again');
    const pick = await vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('An identical request for {0} was submitted {1} ago.', shotName, formatElapsed(ageMs))),
      { modal: true, detail: vscode.l10n.t('Submitting again starts (and pays for) a second job with the same input.') },
      again,
    );
    return pick === again;
  },
  async noKey() {
    const set = vscode.l10n.t('Set API Key');
    const sim = vscode.l10n.t('Use Offline Simulator');
    const pick = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        "Kling: no fal API key is set. Store one (kept in VS Code's secret storage), or try everything for free with the offline simulator.",
      ),
      set,
      sim,
    );
    return pick === set ? 'set-key' : pick === sim ? 'simulator' : undefined;
  },
  async confirmDelete(what) {
    const del = vscode.l10n.t('Move to Trash');
    return (
      (await vscode.window.showWarningMessage(
        notificationText(vscode.l10n.t('Delete {0}?', what)),
        { modal: true, detail: vscode.l10n.t('The clip and its take record are moved to the trash.') },
        del,
      )) === del
    );
  },
  async regenerateWhich(shotName) {
    const take = vscode.l10n.t("Use the Take's Settings");
    const file = vscode.l10n.t('Use the File as It Is');
    const pick = await vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('{0} has changed since this take.', shotName)),
      {
        modal: true,
        detail: vscode.l10n.t("The take's settings are written into the shot file first (one edit: Undo brings the file back)."),
      },
      take,
      file,
    );
    return pick === take ? 'take' : pick === file ? 'file' : undefined;
  },
};
