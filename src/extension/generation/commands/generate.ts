import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { shotArg } from './command-args';

/** klingStudio.generate: the shot given (or active), or every shot file of an Explorer multi-selection. */
export function registerGenerateCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.generate', async (uri?: unknown, selection?: unknown) => {
    const many = Array.isArray(selection)
      ? selection.filter((u): u is vscode.Uri => u instanceof vscode.Uri && u.path.endsWith('.kling.json'))
      : [];
    const target = many.length ? many : [shotArg(uri)].filter((u): u is vscode.Uri => !!u);
    if (!target.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Kling: open a shot file (*.kling.json) to generate it.'));
      return undefined;
    }
    return ctx.generate(target);
  });
}
