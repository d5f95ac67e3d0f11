import * as vscode from 'vscode';
import { readProviderConfig } from '../../provider/provider-config';
import type { GenerationContext } from '../generation-context';
import { isRefusal, prepareShot } from '../preflight';
import { shotArg } from './command-args';
import { notificationText } from '../../notification-text';

/** klingStudio.showRequestBody: the exact JSON Generate would send, read-only. */
export function registerShowRequestBodyCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.showRequestBody', async (uri?: unknown) => {
    const target = shotArg(uri);
    if (!target) {
      return undefined;
    }
    const p = await prepareShot(target, ctx.analyses);
    if (isRefusal(p)) {
      void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Kling: {0}', p.refused)));
      return undefined;
    }
    return ctx.requestDocs.show(p, readProviderConfig().queueUrl, ctx.provider.kind === 'simulator');
  });
}
