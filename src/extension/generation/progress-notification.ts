import * as vscode from 'vscode';
import type { GenerationService, Job } from './generation-service';
import { progressMessage } from './progress-text';

/**
 * A cancellable notification per job: state, queue position, elapsed time and the latest log
 * line. Cancelling asks fal to cancel (GenerationService.cancel), it does not just stop watching.
 */
export function showJobProgress(service: GenerationService, job: Job, shotName: string): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kling: {0}', shotName), cancellable: true },
    (progress, token) => {
      let last = '';
      const update = () => {
        const msg = job.cancelRequested
          ? 'Cancelling…'
          : progressMessage({
              status: job.status,
              queuePosition: job.queuePosition,
              lastLog: job.lastLog,
              elapsedMs: Date.now() - job.startedAt,
            });
        if (msg !== last) {
          last = msg;
          progress.report({ message: msg });
        }
      };
      update();
      const cancelSub = token.onCancellationRequested(() => {
        void service.cancel(job.key).catch(() => undefined);
      });
      const changeSub = service.onDidChange(j => {
        if (j?.key === job.key) {
          update();
        }
      });
      const timer = setInterval(update, 1000);
      return job.done.finally(() => {
        clearInterval(timer);
        changeSub.dispose();
        cancelSub.dispose();
      });
    },
  );
}
