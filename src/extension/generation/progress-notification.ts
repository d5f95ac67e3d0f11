import * as vscode from 'vscode';
import type { GenerationService } from './generation-service';
import type { Job } from '../common/jobs';
import { notificationText } from '../../core/ui-text';
import { jobProgress } from '../common/progress-text';

/**
 * A cancellable notification per job: state, queue position, elapsed time and the latest log
 * line. Cancelling asks fal to cancel (GenerationService.cancel), it does not just stop watching.
 */
export function showJobProgress(service: GenerationService, job: Job, shotName: string): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Kling: {0}', shotName)), cancellable: true },
    (progress, token) => {
      let last = '';
      const update = () => {
        const msg = jobProgress(job);
        if (msg !== last) {
          last = msg;
          // The latest log line is the server's text, the title the file's name: neither may become a link.
          progress.report({ message: notificationText(msg) });
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
