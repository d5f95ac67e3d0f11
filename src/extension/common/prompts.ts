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
  /** The simulator was chosen for want of a key, in a window with a folder: where to keep that choice. */
  simulatorTarget(): Promise<vscode.ConfigurationTarget | undefined>;
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
  simulatorTarget: () => askSimulatorTarget(),
};

/**
 * Where "Use Offline Simulator" keeps the choice: the workspace's settings (.vscode/settings.json, a
 * file of the project; a .vscode folder also makes the folder the CLI's project root,
 * src/cli/project-root.ts) or the user's. Undefined when dismissed.
 */
export async function askSimulatorTarget(): Promise<vscode.ConfigurationTarget | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('Workspace settings'),
        description: vscode.l10n.t('this folder only'),
        detail: vscode.workspace.workspaceFile
          ? vscode.l10n.t('Writes "klingStudio.provider": "simulator" into the workspace file, shared with whoever opens it.')
          : vscode.l10n.t(
              'Writes "klingStudio.provider": "simulator" to .vscode/settings.json in this folder (a file others get with the project). A .vscode folder also makes this folder the project root the kling CLI confines uploads and budgets to.',
            ),
        target: vscode.ConfigurationTarget.Workspace,
      },
      {
        label: vscode.l10n.t('User settings'),
        description: vscode.l10n.t('every window'),
        detail: vscode.l10n.t('Writes "klingStudio.provider": "simulator" to your user settings; no file of the project changes.'),
        target: vscode.ConfigurationTarget.Global,
      },
    ],
    {
      title: vscode.l10n.t('Kling: Use Offline Simulator'),
      placeHolder: vscode.l10n.t('Where should the choice be kept? Generations on the simulator are free, local and fake.'),
    },
  );
  return pick?.target;
}
