import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { pickJobs, shotName } from './command-args';

/** klingStudio.showRunning: pick a running job, then cancel it or open its takes. */
export function registerShowRunningCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.showRunning', async () => {
    const jobs = ctx.service.running;
    if (!jobs.length) {
      void vscode.window.showInformationMessage('Kling: nothing is running.');
      return;
    }
    const [job] = await pickJobs(jobs, 'Running generations', false);
    if (!job) {
      return;
    }
    const action = await vscode.window.showQuickPick(['Cancel on fal', 'Open Takes'], { title: shotName(job.shotUri) });
    if (action === 'Cancel on fal') {
      await ctx.service.cancel(job.key);
    } else if (action === 'Open Takes') {
      ctx.takes.open(job.shotUri);
    }
  });
}
