// Kling: Use Offline Simulator asks where the choice is kept before it writes anything: a
// workspace setting is a file in the project (.vscode/settings.json), and that folder also
// becomes what `kling` treats as the project root (src/cli/project-root.ts looks for .vscode);
// a user setting changes every window and no file of the project. Escape changes nothing.
import * as vscode from 'vscode';
import { getSetting } from '../settings/settings';
import type { ProviderService } from './provider-service';

export async function chooseAndUseSimulator(provider: ProviderService): Promise<boolean> {
  // Without a folder there is only the user's settings: nothing to ask.
  const target = vscode.workspace.workspaceFolders?.length ? await askTarget() : vscode.ConfigurationTarget.Global;
  if (target === undefined) return false;
  await provider.useSimulator(target);
  const where =
    target === vscode.ConfigurationTarget.Global
      ? vscode.l10n.t('your user settings')
      : vscode.workspace.workspaceFile
        ? vscode.l10n.t('the workspace file')
        : vscode.l10n.t('.vscode/settings.json of this folder');
  if (getSetting('provider') !== 'simulator') {
    // A workspace value wins over the user's: say so rather than claim a switch that did not happen.
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Kling: "klingStudio.provider" is now "simulator" in {0}, but this workspace sets it to "fal", which wins here. Choose Workspace settings to switch this folder.',
        where,
      ),
    );
    return false;
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Kling: using the offline simulator: "klingStudio.provider" is "simulator" in {0}. Generations are free, local and fake; set it back to "fal" to use fal.ai.',
      where,
    ),
  );
  return true;
}

async function askTarget(): Promise<vscode.ConfigurationTarget | undefined> {
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
