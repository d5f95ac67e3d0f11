import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { shotName } from '../../common/shot-name';
import { pickJobs } from './command-args';

/** klingStudio.showRunning: pick a running job, then cancel it or open its takes. */
export function registerShowRunningCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.showRunning', async () => {
    const jobs = ctx.service.running;
    if (!jobs.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Kling: nothing is running.'));
      return;
    }
    const [job] = await pickJobs(jobs, vscode.l10n.t('Running generations'), false);
    if (!job) {
      return;
    }
    const cancel = vscode.l10n.t('Cancel on fal');
    const open = vscode.l10n.t('Open Takes');
    const action = await vscode.window.showQuickPick([cancel, open], { title: shotName(job.shotUri) });
    if (action === cancel) {
      await ctx.service.cancel(job.key);
    } else if (action === open) {
      ctx.takes.open(job.shotUri);
    }
  });
}
