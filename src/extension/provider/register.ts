import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ApiKeyStore } from '../secrets/api-key-store';
import { ProviderService } from './provider-service';
import { chooseAndUseSimulator } from './simulator-choice';

export function registerProvider(keys: ApiKeyStore, log: Log): { provider: ProviderService; disposables: vscode.Disposable[] } {
  const provider = new ProviderService(keys, log);
  return {
    provider,
    disposables: [provider, vscode.commands.registerCommand('klingStudio.useSimulator', () => chooseAndUseSimulator(provider))],
  };
}
