import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { ProviderService } from './provider-service';

export function registerProvider(keys: ApiKeyStore, log: Log): { provider: ProviderService; disposables: vscode.Disposable[] } {
  const provider = new ProviderService(keys, log);
  return {
    provider,
    disposables: [
      provider,
      vscode.commands.registerCommand('klingStudio.useSimulator', async () => {
        await provider.useSimulator();
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Kling: using the offline simulator. Generations are free, local and fake; switch back with the "klingStudio.provider" setting.',
          ),
        );
      }),
    ],
  };
}
