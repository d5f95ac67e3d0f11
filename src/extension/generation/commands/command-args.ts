import * as vscode from 'vscode';
import { activeShotUri } from '../../commands';
import type { GenerationContext } from '../generation-context';
import type { Job } from '../../common/jobs';
import { isRefusal, prepareShot, type PreparedShot } from '../preflight';
import { shotName } from '../../common/shot-name';
import { progressMessage } from '../../common/progress-text';
import { labelText, notificationText } from '../../../core/ui-text';

/** The shot a command is about: it gets a Uri (editor title, Explorer, CodeLens, shot editor), a tree node, or nothing. */
export function shotArg(arg?: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  const node = arg as { entry?: { record?: { shotFile?: string } }; job?: Job } | undefined;
  if (node?.job) {
    return node.job.shotUri;
  }
  if (node?.entry?.record?.shotFile) {
    return vscode.Uri.file(node.entry.record.shotFile);
  }
  return activeShotUri();
}

/** The command's shot, prepared as Generate would send it; a refusal is shown as a warning and gives undefined. */
export async function preparedShotArg(arg: unknown, ctx: GenerationContext): Promise<PreparedShot | undefined> {
  const target = shotArg(arg);
  if (!target) {
    return undefined;
  }
  const p = await prepareShot(target, ctx.analyses, ctx.provider.kind);
  if (isRefusal(p)) {
    void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Kling: {0}', p.refused)));
    return undefined;
  }
  return p;
}

/** Lets the user pick running jobs (one, or several when `many`). */
export async function pickJobs(jobs: readonly Job[], title: string, many = true): Promise<Job[]> {
  const items = jobs.map(j => ({
    label: labelText(shotName(j.shotUri)),
    description: labelText(progressMessage({ status: j.status, queuePosition: j.queuePosition, elapsedMs: Date.now() - j.startedAt })),
    detail: j.record?.requestId === undefined ? undefined : labelText(j.record.requestId),
    job: j,
  }));
  if (many) {
    const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true });
    return picked?.map(p => p.job) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, { title });
  return picked ? [picked.job] : [];
}
