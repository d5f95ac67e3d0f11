import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { shotArg } from './command-args';

/** klingStudio.openTakes: the takes panel of a shot, with a take selected when one is given (or is the tree node). */
export function registerOpenTakesCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.openTakes', (uri?: unknown, takeId?: unknown) => {
    const target = shotArg(uri);
    const fromTree = (uri as { entry?: { record?: { id?: string } } } | undefined)?.entry?.record?.id;
    const select = takeId === undefined ? fromTree : takeId;
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Kling: open a shot file to see its takes.'));
      return undefined;
    }
    return ctx.takes.open(target, { ...(typeof select === 'string' && { select }) });
  });
}
