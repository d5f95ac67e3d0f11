// Kling: Use Offline Simulator (the command, and the same button when Generate finds no key) asks
// where the choice is kept before it writes anything (`askSimulatorTarget`, common/prompts.ts: a
// workspace setting is a file of the project, and a .vscode folder is what `kling` takes for the
// project root), then says what it changed. Escape changes nothing.
import * as vscode from 'vscode';
import { askSimulatorTarget } from '../common/prompts';
import { getSetting } from '../settings/settings';
import type { ProviderService } from './provider-service';

export async function chooseAndUseSimulator(provider: ProviderService): Promise<boolean> {
  // Without a folder there is only the user's settings: nothing to ask.
  const target = vscode.workspace.workspaceFolders?.length ? await askSimulatorTarget() : vscode.ConfigurationTarget.Global;
  if (target === undefined) return false;
  return useSimulatorIn(provider, target);
}

/** Switches to the simulator, keeping the choice in `target`, and says what changed; false when a workspace value overrides it. */
export async function useSimulatorIn(provider: ProviderService, target: vscode.ConfigurationTarget): Promise<boolean> {
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
