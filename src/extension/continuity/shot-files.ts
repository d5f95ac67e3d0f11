// The files "Continue from Last Frame" writes or edits: the frame in refs/, the next shot's start
// image (one WorkspaceEdit of its document), a new next shot, and the sequence that lists it.
import * as vscode from 'vscode';
import { workspaceEdit } from '../text-edits';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { checkInside } from '../../takes/boundary';
import { lastFrameFileName, nextShotFileName, nextShotText, startFromImage, type TextEdit, errorText } from '../../core';
import { minimalEdit } from '../../core/edit';
import { writeFileAtomic } from '../../media/atomic-write';
import { writeUniqueFile } from '../../media/unique-file';
import type { ContinuityQuestions } from './continuity-questions';
import type { ShotInSequence } from './next-shot';
import { Refusal } from './refusal';
import { MAX_SHOT_FILE_BYTES } from '../../core';
import { readTextInside } from '../../takes/boundary';
import { readRootsFor } from '../common/take-index';

/** refs/<shot>.last-frame.png beside the shot, under a new name; refs/ must really be inside the workspace. */
export async function saveFrame(shotPath: string, bytes: Uint8Array, roots: readonly string[]): Promise<string> {
  const refs = join(dirname(shotPath), 'refs');
  await mkdir(refs, { recursive: true });
  const inside = await checkInside(refs, roots);
  if (!inside.inside) {
    throw new Refusal(vscode.l10n.t('{0} leads outside the workspace folders: the frame was not saved.', refs));
  }
  const saved = await writeUniqueFile(inside.realPath, n => lastFrameFileName(basename(shotPath), n), bytes);
  return join(refs, basename(saved.path));
}

/** Refuses before anything is written when the next shot is missing or cannot start from a frame. */
export async function checkNextShot(place: ShotInSequence, shotName: string): Promise<void> {
  const next = place.nextShot!;
  if (!(await stat(next).catch(() => undefined))?.isFile()) {
    throw new Refusal(
      vscode.l10n.t(
        '{0} lists {1} after {2}, but that file does not exist.',
        basename(place.sequence.fsPath),
        place.place.next!.shot,
        shotName,
      ),
    );
  }
  try {
    startFromImage((await vscode.workspace.openTextDocument(vscode.Uri.file(next))).getText(), 'refs/frame.png');
  } catch (e) {
    throw new Refusal(`${basename(next)}: ${errorText(e)}`);
  }
}

/**
 * Sets the next shot's start image; what changed besides it (for the message), or undefined when the
 * user said no. `stillInside` refuses when the next shot has left the workspace since it was checked
 * (while the user was being asked, say): it runs just before the edit.
 */
export async function setStartImage(
  next: string,
  framePath: string,
  questions: ContinuityQuestions,
  stillInside: () => Promise<void>,
): Promise<string | undefined> {
  const ref = portable(relative(dirname(next), framePath));
  const uri = vscode.Uri.file(next);
  const doc = await vscode.workspace.openTextDocument(uri);
  let change: ReturnType<typeof startFromImage>;
  try {
    change = startFromImage(doc.getText(), ref);
  } catch (e) {
    throw new Refusal(`${basename(next)}: ${errorText(e)}`);
  }
  if (change.replaced && !(await questions.confirmReplace(basename(next), change.replaced, ref))) return undefined;
  const edit = minimalEdit(doc.getText(), change.text);
  await stillInside();
  await editDocument(uri, () => (edit ? [edit] : []));
  const notes = [
    ...(change.endpoint ? [vscode.l10n.t('endpoint {0}', change.endpoint)] : []),
    ...(change.removed.length ? [vscode.l10n.t('removed {0}, which image-to-video does not take', change.removed.join(', '))] : []),
  ];
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/**
 * `<shot>-next.kling.json` beside the shot (`-next-2`… when taken), created exclusively through the
 * atomic writer: whole or not at all, and never over a file that appeared meanwhile.
 */
export async function createNextShot(shotPath: string, framePath: string): Promise<string> {
  const dir = dirname(shotPath);
  const source = await readShotText(shotPath);
  const text = nextShotText(source, portable(relative(dir, framePath)), basename(shotPath));
  for (let n = 1; n < 1000; n++) {
    const target = join(dir, nextShotFileName(basename(shotPath), n));
    try {
      await writeFileAtomic(target, text, { exclusive: true });
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Refusal(vscode.l10n.t('no free name for the next shot beside {0}.', shotPath));
}

async function readShotText(shotPath: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.scheme === 'file' && d.uri.fsPath === shotPath);
  return open
    ? open.getText()
    : readTextInside(shotPath, { roots: readRootsFor(shotPath), maxBytes: MAX_SHOT_FILE_BYTES, kind: 'shot file' }).catch(() => '{}');
}

/**
 * One WorkspaceEdit of the file's TextDocument (one undo step). A document that had no unsaved
 * changes is saved after it, so the file on disk (the CLI, a sequence export) agrees; one with
 * unsaved changes of the user's is left for the user to save.
 */
export async function editDocument(uri: vscode.Uri, editsOf: (text: string) => TextEdit[]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const wasDirty = doc.isDirty;
  const edits = editsOf(doc.getText());
  if (!edits.length) return;
  if (!(await vscode.workspace.applyEdit(workspaceEdit(doc, edits)))) {
    throw new Refusal(vscode.l10n.t('could not edit {0} (is it read-only?).', basename(uri.fsPath)));
  }
  if (!wasDirty) await doc.save();
}

/** Shot files use forward slashes on every platform. */
export function portable(p: string): string {
  return sep === '\\' ? p.split(sep).join('/') : p;
}
