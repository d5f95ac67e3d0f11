import * as vscode from 'vscode';
import type { EditQueue } from '../common/edit-queue';
import { holdTyping } from '../common/typing-holds';
import type { PageSync } from '../webview/page-sync';
import type { DocumentEdits } from './document-edits';

/**
 * Typing the shot editor holds until a pause is in the file before a save writes it and before a
 * command reads it (Generate on Ctrl/Cmd+Enter, Estimate Cost). Both first wait for the page to
 * answer: a key pressed in the page reaches VS Code before the keystrokes typed just before it
 * reach us, and a save then wrote the prompt without its last word.
 */
export function keepTyping(document: vscode.TextDocument, queue: EditQueue, edits: DocumentEdits, page: PageSync): vscode.Disposable {
  return vscode.Disposable.from(
    holdTyping(document.uri, () => page.request().then(() => queue.whenIdle())),
    vscode.workspace.onWillSaveTextDocument(e => {
      if (e.document !== document) {
        return;
      }
      // Held typing is written by the save itself (as its own edits), not applied beside it.
      e.waitUntil(
        page.request().then(() => {
          const held = queue.takeHeld();
          return queue.whenIdle().then(() => (held ? edits.held(held) : []));
        }),
      );
    }),
  );
}
