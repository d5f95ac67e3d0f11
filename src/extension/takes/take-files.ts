import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { notificationText } from '../../core/ui-text';
import { clearSelection, readSelection } from '../../takes';
import { errorText } from '../../core/error-text';
import { clipMayBeRead } from './take-clips';
import { readRootsFor, type TakeEntry } from '../common/take-index';
import { mp3CopyPath } from './mp3-copy';
import { posterPathFor } from '../common/take-posters';
import { shotName } from '../common/shot-name';
import { canUseSystemPlayer, type TakesPanelScope } from './takes-panel-scope';

// Notifications are not awaited: each resolves only when it is dismissed, and nothing waits on that.

/** Where deleted takes go when the OS trash is out of reach; never scanned for takes. */
export const TRASH_FOLDER = '.trash';

/** Moves a take (clip, MP3 copy, poster, record) to the trash after asking; the circle goes with it. */
export async function trashTake(scope: TakesPanelScope, entry: TakeEntry): Promise<void> {
  const { shotUri, outputDir, deps } = scope;
  if (deps.service.isRunning(entry.path)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Kling: this take is still running; cancel it first.'));
    return;
  }
  const what = vscode.l10n.t('the take of {0} from {1}', shotName(shotUri), new Date(entry.record.createdAt).toLocaleString());
  if (!(await deps.prompts().confirmDelete(what))) {
    return;
  }
  // The clip first: a take whose record is gone but whose clip stayed would be an orphan nobody lists.
  const files = [
    ...(entry.record.clipPath ? [entry.record.clipPath, mp3CopyPath(entry.record.clipPath)] : []),
    posterPathFor(entry.path),
    entry.path,
  ];
  const trashed: string[] = [];
  // A browser or remote window has no OS trash to reach (the files are on the server): there the
  // take goes to a trash folder beside the takes, from where it can be moved back.
  const osTrash = canUseSystemPlayer();
  const trashDir = join(outputDir, TRASH_FOLDER);
  for (const f of files) {
    if (!(await stat(f).catch(() => undefined))) {
      continue;
    }
    try {
      if (osTrash) {
        await vscode.workspace.fs.delete(vscode.Uri.file(f), { useTrash: true });
      } else {
        await vscode.workspace.fs.rename(vscode.Uri.file(f), vscode.Uri.file(join(trashDir, basename(f))), { overwrite: true });
      }
      trashed.push(f);
    } catch (e) {
      // Never fall back to deleting for good: the user was promised the trash.
      void vscode.window.showErrorMessage(
        notificationText(vscode.l10n.t('Kling: could not move {0} to the trash ({1}); it was kept.', f, errorText(e))),
      );
      await scope.refresh();
      return;
    }
  }
  const roots = readRootsFor(shotUri.fsPath);
  if ((await readSelection(outputDir, shotUri.fsPath, { roots })) === entry.path) {
    // The take is in the trash already: a circle left naming it is only logged, the list shows none.
    await clearSelection(outputDir, shotUri.fsPath).catch(e => deps.log.warn(`takes panel: could not clear the circle: ${errorText(e)}`));
  }
  deps.takeChanges.fire(shotUri);
  deps.log.info(
    `moved take ${entry.record.id}${entry.record.requestId ? ` (${entry.record.requestId})` : ''} to the trash: ${trashed.join(', ')}`,
  );
  void vscode.window.showInformationMessage(
    notificationText(
      osTrash
        ? trashed.length === 1
          ? vscode.l10n.t('Kling: moved {0} to the trash (1 file).', what)
          : vscode.l10n.t('Kling: moved {0} to the trash ({1} files).', what, trashed.length)
        : trashed.length === 1
          ? vscode.l10n.t('Kling: moved {0} to {1} (1 file).', what, trashDir)
          : vscode.l10n.t('Kling: moved {0} to {1} ({2} files).', what, trashDir, trashed.length),
    ),
  );
  await scope.refresh();
}

/** Copies the clip to a place the user picks (where no system player can open it). */
export async function saveClipAs(scope: TakesPanelScope, entry: TakeEntry): Promise<void> {
  const clip = entry.record.clipPath;
  if (!clip || entry.record.status !== 'done' || !(await clipMayBeRead(scope, clip))) {
    return;
  }
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save Clip As'),
    defaultUri: vscode.Uri.file(clip),
    filters: { [vscode.l10n.t('MP4 video')]: ['mp4'] },
  });
  if (!target) {
    return;
  }
  try {
    await vscode.workspace.fs.copy(vscode.Uri.file(clip), target, { overwrite: true });
    void vscode.window.showInformationMessage(
      notificationText(vscode.l10n.t('Kling: saved the clip as {0}.', target.fsPath || target.toString())),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: could not save the clip: {0}', errorText(e))));
  }
}
