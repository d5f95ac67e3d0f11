import * as vscode from 'vscode';
import { MAX_TAKES } from '../generate-command';
import type { GenerationContext } from '../generation-context';
import { shotArg } from './command-args';

/**
 * klingStudio.generateTakes: N variations of one shot (Kling has no seed, so each is its own paid
 * job) under a single cost confirmation for all of them.
 */
export function registerGenerateTakesCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.generateTakes', async (uri?: unknown, count?: unknown) => {
    const target = shotArg(uri);
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Kling: open a shot file (*.kling.json) to generate takes of it.'));
      return undefined;
    }
    const takes = typeof count === 'number' ? count : await askCount();
    if (takes === undefined) {
      return undefined;
    }
    return ctx.generate([target], { takes });
  });
}

async function askCount(): Promise<number | undefined> {
  const items = Array.from({ length: MAX_TAKES }, (_, i) => ({ label: String(i + 1), n: i + 1, description: i === 0 ? 'take' : 'takes' }));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Kling: Generate Takes'),
    placeHolder: vscode.l10n.t('How many takes of this shot? (one cost confirmation for all of them)'),
  });
  return pick?.n;
}
