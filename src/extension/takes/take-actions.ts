import * as vscode from 'vscode';
import { isInside } from '../../core';
import { labelText, notificationText } from '../../core/ui-text';
import type { FromTakes } from '../../shared/takes-messages';
import { clearSelection, readSelection, reviewTake, selectTake } from '../../takes';
import { Disposable } from '../dispose';
import { errorText } from '../../core/error-text';
import { ComparePanel } from './compare-panel';
import type { TakeClips } from './take-clips';
import { regenerateTake, useSettings } from './take-edits';
import { saveClipAs, trashTake } from './take-files';
import { readRootsFor, type TakeEntry } from '../common/take-index';
import type { TakeList } from './take-list';
import { takeViewOf } from '../common/take-view';
import { posterIcon } from '../common/take-posters';
import type { TakesPanelScope } from './takes-panel-scope';
import { CONTINUE_FROM_LAST_FRAME_COMMAND } from '../common/takes-ids';

// Notifications are not awaited: each resolves only when it is dismissed, and nothing waits on that.

/** What the webview asks of one take. */
export type TakeIntent = Extract<FromTakes, { id: string }>;

/** The buttons of a take: each intent from the webview, for a take of the list it was sent. */
export class TakeActions extends Disposable {
  /** The compare view opened last, for the in-host tests. */
  lastCompare: ComparePanel | undefined;

  constructor(
    private readonly scope: TakesPanelScope,
    private readonly list: TakeList,
    private readonly clips: TakeClips,
  ) {
    super();
  }

  async run(msg: TakeIntent, entry: TakeEntry): Promise<void> {
    switch (msg.type) {
      case 'select':
        return;
      case 'cancel':
        return this.cancel(entry);
      case 'copyRequestId':
        return this.copyRequestId(entry);
      case 'openExternal':
        return this.clips.openExternal(entry);
      case 'reveal':
        return this.reveal(entry);
      case 'delete':
        return trashTake(this.scope, entry);
      case 'saveClipAs':
        return saveClipAs(this.scope, entry);
      case 'compare':
        return this.compare(entry, msg.with);
      case 'circle':
        return this.circle(entry, msg.circled);
      case 'review':
        return this.review(entry, msg);
      case 'useSettings':
        await useSettings(this.scope, entry, true);
        return;
      case 'regenerateTake':
        return regenerateTake(this.scope, entry);
      case 'makeMp3Copy':
        return this.clips.makeCopy(entry);
      case 'continueFromLastFrame':
        await vscode.commands.executeCommand(CONTINUE_FROM_LAST_FRAME_COMMAND, vscode.Uri.file(entry.path));
        return;
    }
  }

  private async cancel(entry: TakeEntry): Promise<void> {
    const { service, log } = this.scope.deps;
    const job = service.runningFor(this.scope.shotUri).find(j => j.recordPath === entry.path);
    if (job) {
      // The service tells the user when fal refuses; anything else it could not do is logged here.
      await service.cancel(job.key).catch(e => log.warn(`takes panel: cancelling take ${entry.record.id}: ${errorText(e)}`));
    }
  }

  private async copyRequestId(entry: TakeEntry): Promise<void> {
    const id = entry.record.requestId;
    if (id) {
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(labelText(vscode.l10n.t('Copied request id {0}', id)), 3000);
    }
  }

  private async reveal(entry: TakeEntry): Promise<void> {
    const rec = entry.record;
    const target = vscode.Uri.file(rec.clipPath && rec.status === 'done' ? rec.clipPath : entry.path);
    const inWorkspace = (vscode.workspace.workspaceFolders ?? []).some(f => isInside(f.uri.fsPath, target.fsPath));
    await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', target);
  }

  /**
   * The rating and note go into the take's record, under its take lock (a take still being
   * generated is refused: its journal owns the record until it ends).
   */
  private async review(entry: TakeEntry, msg: Extract<TakeIntent, { type: 'review' }>): Promise<void> {
    const { shotUri, deps } = this.scope;
    try {
      await reviewTake(
        entry.path,
        { ...(msg.rating !== undefined && { rating: msg.rating }), ...(msg.note !== undefined && { note: msg.note }) },
        { roots: readRootsFor(shotUri.fsPath) },
      );
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: could not save the rating or note: {0}', errorText(e))));
    }
    deps.takeChanges.fire(shotUri);
    await this.scope.refresh(entry.record.id);
  }

  /** The circled take's record path (the compare view's Circle buttons show it). */
  async circledPath(): Promise<string | undefined> {
    const { shotUri, outputDir } = this.scope;
    return readSelection(outputDir, shotUri.fsPath, { roots: readRootsFor(shotUri.fsPath) });
  }

  /** The choice lives in a sidecar beside the records, so it survives a reload and goes into git. */
  async circle(entry: TakeEntry, circled: boolean): Promise<void> {
    const { shotUri, outputDir, deps } = this.scope;
    const roots = readRootsFor(shotUri.fsPath);
    try {
      if (circled) {
        await selectTake(entry.path, { roots });
      } else if ((await readSelection(outputDir, shotUri.fsPath, { roots })) === entry.path) {
        await clearSelection(outputDir, shotUri.fsPath);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(
        notificationText(
          circled
            ? vscode.l10n.t('Kling: could not circle the take: {0}', errorText(e))
            : vscode.l10n.t('Kling: could not uncircle the take: {0}', errorText(e)),
        ),
      );
    }
    deps.takeChanges.fire(shotUri);
    await this.scope.refresh(entry.record.id);
  }

  private async compare(entry: TakeEntry, withId: string | undefined): Promise<void> {
    const others = this.list.all.filter(e => e !== entry && e.record.status === 'done');
    let other = withId === undefined ? undefined : others.find(e => e.record.id === withId);
    if (withId === undefined) {
      if (!others.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Kling: this shot has no other finished take to compare with.'));
        return;
      }
      const pick = await vscode.window.showQuickPick(
        others.map(e => ({
          label:
            e.number !== undefined
              ? vscode.l10n.t('Take #{0} · {1}', e.number, new Date(e.record.createdAt).toLocaleString())
              : new Date(e.record.createdAt).toLocaleString(),
          description: labelText(takeViewOf(e.record).prompt),
          iconPath: posterIcon(e.path),
          entry: e,
        })),
        { title: vscode.l10n.t('Compare with which take?') },
      );
      other = pick?.entry;
    }
    if (other) {
      const { extensionUri, log } = this.scope.deps;
      this.lastCompare = this.register(
        ComparePanel.open(extensionUri, log, entry, other, {
          circled: () => this.circledPath(),
          circle: (e, circled) => this.circle(e, circled),
        }),
      );
    }
  }
}
