import * as vscode from 'vscode';
import { applyIntent, EditError } from '../../core/edit';
import type { ToWebview } from '../../shared/messages';
import type { Log } from '../log';
import type { QueuedIntent } from '../common/edit-queue';
import { vscodeEdits, workspaceEdit } from '../text-edits';
import { errorText } from '../../core/error-text';

/**
 * The shot editor's edits of its document: each intent from the page becomes one WorkspaceEdit (one
 * undo step), and the page is told how far its intents have got (`ackSeq`), so it drops the values
 * it showed ahead of the document only once the document has them.
 */
export class DocumentEdits {
  /** The page's last intent that is in the document, or was refused. */
  ackSeq = 0;
  /** Typing a save wrote itself, acknowledged when its change arrives (see `held`). */
  private ackAfterSave: number | undefined;
  /** True while our own applyEdit runs: its change event is not echoed, the ack after it is sent. */
  applying = false;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly log: Log,
    private readonly post: (msg: ToWebview) => void,
  ) {}

  acknowledge(seq: number): void {
    this.ackSeq = Math.max(this.ackSeq, seq);
  }

  /** A change from elsewhere arrived: the save's own edits (the typing it took over) are in the document now. */
  changeArrived(): void {
    if (this.ackAfterSave !== undefined) {
      this.acknowledge(this.ackAfterSave);
      this.ackAfterSave = undefined;
    }
  }

  async apply(job: QueuedIntent): Promise<void> {
    let result;
    try {
      result = applyIntent(this.document.getText(), job.intent);
    } catch (e) {
      const message = e instanceof EditError ? e.message : vscode.l10n.t('Could not apply the change: {0}', errorText(e));
      if (!(e instanceof EditError)) {
        this.log.error(`shot editor: ${job.intent.kind} failed: ${e instanceof Error ? e.stack : String(e)}`);
      }
      this.acknowledge(job.seq);
      this.post({ type: 'intentFailed', seq: job.seq, message });
      return;
    }
    if (result.edits.length > 0) {
      const edit = workspaceEdit(this.document, result.edits);
      this.applying = true;
      let ok = false;
      try {
        ok = await vscode.workspace.applyEdit(edit);
      } finally {
        this.applying = false;
      }
      if (!ok) {
        this.log.warn(`shot editor: VS Code refused the edit for ${job.intent.kind}`);
        this.post({ type: 'intentFailed', seq: job.seq, message: vscode.l10n.t('VS Code refused the edit (is the file read-only?).') });
      }
    }
    this.acknowledge(job.seq);
    if (job.focus) {
      this.post({ type: 'focus', path: job.focus, seq: job.seq });
    }
  }

  /**
   * The edits of typing a save takes over; the change they make is sent like any other. Its seq is
   * acknowledged only once that change is in the document: a document sent before then without the
   * text must not tell the webview to drop what it shows (its next keystroke would build on the old
   * text and lose the word).
   */
  held(job: QueuedIntent): vscode.TextEdit[] {
    try {
      const edits = applyIntent(this.document.getText(), job.intent).edits;
      if (edits.length === 0) {
        this.acknowledge(job.seq);
      } else {
        this.ackAfterSave = Math.max(this.ackAfterSave ?? 0, job.seq);
      }
      return vscodeEdits(this.document, edits);
    } catch (e) {
      this.acknowledge(job.seq);
      this.post({ type: 'intentFailed', seq: job.seq, message: errorText(e) });
      return [];
    }
  }
}
