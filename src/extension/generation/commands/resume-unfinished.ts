import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { explainUntrusted, isTrusted } from '../trust';

export const resumingText = (n: number, since = '') =>
  n ? `Kling: resuming ${n} unfinished generation${n > 1 ? 's' : ''}${since}.` : 'Kling: no unfinished generations.';

/** klingStudio.resumeUnfinished: continue every journalled take that has not ended (trusted workspaces only). */
export function registerResumeUnfinishedCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.resumeUnfinished', async () => {
    if (!isTrusted()) {
      await explainUntrusted();
      return [];
    }
    const jobs = await ctx.resumeUnfinished();
    void vscode.window.showInformationMessage(resumingText(jobs.length));
    return jobs;
  });
}
