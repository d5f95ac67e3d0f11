import * as vscode from 'vscode';
import { shotName } from '../common/shot-name';
import { falErrorDiagnostics } from './fal-error-diagnostics';
import type { GenerationContext } from './generation-context';
import type { Job } from '../common/jobs';
import type { OutcomeNotices } from './outcome-notices';
import { notificationText } from '../../core/ui-text';
import { errorText } from '../../core/error-text';

/**
 * Tells the user how a job ended. A landed take opens its takes panel and says so briefly (its
 * number, so takes of one shot can be told apart). A failure is said through `notices`, which takes
 * it down once a later take of the shot lands or a retry starts. A 422 from fal also becomes
 * diagnostics at the offending keys of the shot file.
 */
export async function noticeFinished(
  ctx: GenerationContext,
  notices: OutcomeNotices,
  job: Job,
  record: Job['record'],
  error: unknown,
): Promise<void> {
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
  const take = record?.number !== undefined ? vscode.l10n.t('Take #{0} of {1}', record.number, name) : name;
  if (record?.status === 'done') {
    notices.landed(job);
    // Not awaited: it resolves only when it is dismissed. No buttons: the takes panel opens by itself.
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Kling: {0} is ready.', take)));
    return;
  }
  if (record?.status === 'failed' || record?.status === 'unknown' || error) {
    const why = record?.error?.message ?? errorText(error ?? vscode.l10n.t('unknown error'));
    const resumable = !!record && record.status !== 'failed' && record.status !== 'unknown';
    notices.failed(
      job,
      record?.status === 'unknown' ? vscode.l10n.t('Kling: {0} has an unknown outcome', take) : vscode.l10n.t('Kling: {0} failed', take),
      why +
        ' ' +
        (resumable
          ? vscode.l10n.t('The take is kept: Kling: Resume Unfinished Generations continues it.')
          : vscode.l10n.t('Its takes panel (Kling: Open Takes) shows it; Regenerate tries again.')),
    );
  } else if (record?.status === 'cancelled') {
    void vscode.window.showInformationMessage(
      notificationText(
        record.cancel
          ? vscode.l10n.t('Kling: {0} was cancelled (fal: {1}).', take, record.cancel.outcome)
          : vscode.l10n.t('Kling: {0} was cancelled.', take),
      ),
    );
  }
}
