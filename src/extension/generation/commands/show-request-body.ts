import * as vscode from 'vscode';
import { readProviderConfig } from '../../provider/provider-config';
import type { GenerationContext } from '../generation-context';
import { preparedShotArg } from './command-args';

/** klingStudio.showRequestBody: the exact JSON Generate would send, read-only. */
export function registerShowRequestBodyCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.showRequestBody', async (uri?: unknown) => {
    const p = await preparedShotArg(uri, ctx);
    if (!p) {
      return undefined;
    }
    return ctx.requestDocs.show(p, readProviderConfig().queueUrl, ctx.provider.kind === 'simulator');
  });
}
