import * as vscode from 'vscode';
import type { Log } from '../log';
import { falKeyFromEnv } from '../../client';
import { ApiKeyStore, validateKeyShape } from './api-key-store';

export function registerSecrets(context: vscode.ExtensionContext, log: Log): { keys: ApiKeyStore; disposables: vscode.Disposable[] } {
  const keys = new ApiKeyStore(context.secrets);
  return {
    keys,
    disposables: [
      keys,
      vscode.commands.registerCommand('klingStudio.setApiKey', async () => {
        const value = await vscode.window.showInputBox({
          title: vscode.l10n.t('Kling: Set fal API Key'),
          prompt: vscode.l10n.t("Stored in VS Code's secret storage (the OS keychain on desktop); never written to settings or files."),
          password: true,
          ignoreFocusOut: true,
          placeHolder: vscode.l10n.t('<key id>:<key secret>'),
          validateInput: validateKeyShape,
        });
        if (value === undefined) {
          return false;
        }
        await keys.store(value);
        log.info('fal API key stored in secret storage');
        void vscode.window.showInformationMessage(vscode.l10n.t('Kling: fal API key saved.'));
        return true;
      }),
      vscode.commands.registerCommand('klingStudio.clearApiKey', async () => {
        if (!(await keys.hasStored())) {
          void vscode.window.showInformationMessage(
            falKeyFromEnv(process.env)
              ? vscode.l10n.t(
                  'Kling: no key is stored; the key from the FAL_KEY environment variables is used and cannot be cleared from VS Code.',
                )
              : vscode.l10n.t('Kling: no API key is stored.'),
          );
          return;
        }
        await keys.clear();
        log.info('fal API key removed from secret storage');
        void vscode.window.showInformationMessage(vscode.l10n.t('Kling: fal API key removed.'));
      }),
    ],
  };
}
