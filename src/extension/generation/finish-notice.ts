import * as vscode from 'vscode';
import { shotName } from '../common/shot-name';
import { falErrorDiagnostics } from './fal-error-diagnostics';
import type { GenerationContext } from './generation-context';
import type { Job } from '../common/jobs';
import { notificationText } from '../../core/ui-text';
import { errorText } from '../../core/error-text';

/**
 * Tells the user how a job ended. A landed take needs no message: its takes panel opens. A 422
 * from fal also becomes diagnostics at the offending keys of the shot file.
 */
export async function noticeFinished(ctx: GenerationContext, job: Job, record: Job['record'], error: unknown): Promise<void> {
  const name = shotName(job.shotUri);
  if (record?.status === 'failed' && record.error?.detail?.length) {
    const doc =
      vscode.workspace.textDocuments.find(d => d.uri.toString() === job.shotUri.toString()) ??
      (await vscode.workspace.openTextDocument(job.shotUri).then(
        d => d,
        () => undefined,
      ));
    if (doc) {
      ctx.analyses.setFalErrors(job.shotUri, falErrorDiagnostics(doc.getText(), record.error.detail));
    }
  }
  if (record?.status === 'done') {
    return;
  }
  const open = vscode.l10n.t('Open Takes');
  if (record?.status === 'failed' || record?.status === 'unknown' || error) {
    const why = record?.error?.message ?? errorText(error ?? vscode.l10n.t('unknown error'));
    const resumable = !!record && record.status !== 'failed' && record.status !== 'unknown';
    const resume = vscode.l10n.t('Resume');
    const pick = await vscode.window.showErrorMessage(
      notificationText(
        record?.status === 'unknown'
          ? vscode.l10n.t('Kling: {0} has an unknown outcome: {1}', name, why) +
              (resumable ? ' ' + vscode.l10n.t('The take is kept and can be resumed.') : '')
          : vscode.l10n.t('Kling: {0} failed: {1}', name, why) +
              (resumable ? ' ' + vscode.l10n.t('The take is kept and can be resumed.') : ''),
      ),
      open,
      ...(resumable ? [resume] : []),
    );
    if (pick === open) {
      ctx.takes.open(job.shotUri);
    }
    if (pick === resume) {
      await vscode.commands.executeCommand('klingStudio.resumeUnfinished');
    }
  } else if (record?.status === 'cancelled') {
    void vscode.window.showInformationMessage(
      notificationText(
        record.cancel
          ? vscode.l10n.t('Kling: {0} was cancelled (fal: {1}).', name, record.cancel.outcome)
          : vscode.l10n.t('Kling: {0} was cancelled.', name),
      ),
    );
  }
}
