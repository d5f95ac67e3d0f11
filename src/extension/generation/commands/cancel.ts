import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import type { Job } from '../../common/jobs';
import { pickJobs } from './command-args';

/** klingStudio.cancel: a job by key or tree node, the jobs of a shot, the only job, or those the user picks. */
export function registerCancelCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.cancel', async (arg?: unknown) => {
    const jobs = ctx.service.running;
    const key = typeof arg === 'string' ? arg : (arg as { job?: Job } | undefined)?.job?.key;
    const forShot = arg instanceof vscode.Uri ? ctx.service.runningFor(arg) : undefined;
    const targets = key
      ? jobs.filter(j => j.key === key)
      : forShot?.length
        ? forShot
        : jobs.length === 1
          ? jobs
          : await pickJobs(jobs, vscode.l10n.t('Cancel which generation?'));
    for (const j of targets) {
      await ctx.service.cancel(j.key).catch(() => undefined);
    }
  });
}
