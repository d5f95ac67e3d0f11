import * as vscode from 'vscode';

/**
 * Workspace trust for spending and uploading. The in-host tests run with trust disabled (so
 * everything is trusted) and cannot revoke it from code: they set this override instead.
 */
let override: boolean | undefined;

export function setTrustOverrideForTests(value: boolean | undefined): void {
  override = value;
}

export function isTrusted(): boolean {
  return override ?? vscode.workspace.isTrusted;
}

export const untrustedMessage = () =>
  vscode.l10n.t(
    'Kling: generating is disabled in Restricted Mode. Generating spends money and uploads workspace files to fal.ai, so it needs a trusted workspace; editing and validation work without trust.',
  );

export async function explainUntrusted(): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const pick = await vscode.window.showWarningMessage(untrustedMessage(), manage);
  if (pick === manage) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
}
