import * as vscode from 'vscode';
import type { GenerationContext } from '../generation-context';
import { explainUntrusted, isTrusted } from '../../common/trust';

export const resumingText = (n: number, fromLastSession = false) =>
  n === 0
    ? vscode.l10n.t('Kling: no unfinished generations.')
    : fromLastSession
      ? n === 1
        ? vscode.l10n.t('Kling: resuming 1 unfinished generation from the last session.')
        : vscode.l10n.t('Kling: resuming {0} unfinished generations from the last session.', n)
      : n === 1
        ? vscode.l10n.t('Kling: resuming 1 unfinished generation.')
        : vscode.l10n.t('Kling: resuming {0} unfinished generations.', n);

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
