// Continue from Last Frame writes only inside the workspace folders. What it writes or edits: the
// frame in refs/ beside the shot, the next shot a sequence lists (edited and saved), a new next shot
// beside the shot, and the sequence that then lists it. A sequence entry `../elsewhere/x.kling.json`,
// a next shot or a sequence that is a symlink, or a folder link on the way must not lead a write
// outside. Each is judged by its real path with the workspace boundary (src/takes/boundary.ts), once
// before anything is written and again just before an edit.
import * as vscode from 'vscode';
import { basename, dirname, join } from 'node:path';
import { checkInside } from '../../takes/boundary';
import type { ShotInSequence } from './next-shot';
import { Refusal } from './refusal';

/** The real path of `file` when it exists and is outside `roots` (already real, see realRoots). */
async function outside(file: string, roots: readonly string[]): Promise<string | undefined> {
  const checked = await checkInside(file, roots);
  return !checked.inside && checked.reason === 'outside' ? checked.realPath : undefined;
}

/** The next shot the sequence lists after the shot must really be inside (a missing one is checkNextShot's to report). */
export async function checkNextShotInside(place: ShotInSequence, shotPath: string, roots: readonly string[]): Promise<void> {
  const real = await outside(place.nextShot!, roots);
  if (real !== undefined) {
    throw new Refusal(
      vscode.l10n.t(
        '{0} lists {1} after {2}, but {1} resolves to {3}, outside the workspace folders: nothing was written.',
        vscode.workspace.asRelativePath(place.sequence),
        place.place.next!.shot,
        basename(shotPath),
        real,
      ),
    );
  }
}

/** The sequence that is to list a new next shot must really be inside. */
export async function checkSequenceInside(sequence: vscode.Uri, roots: readonly string[]): Promise<void> {
  const real = await outside(sequence.fsPath, roots);
  if (real !== undefined) {
    throw new Refusal(
      vscode.l10n.t(
        'the sequence {0} resolves to {1}, outside the workspace folders: nothing was written.',
        vscode.workspace.asRelativePath(sequence),
        real,
      ),
    );
  }
}

/**
 * Before anything is written: the next shot, or else the sequence that will list a new one; the
 * shot's folder (where refs/ and a new next shot go) and refs/ itself when it exists.
 */
export async function checkWritePlaces(shotPath: string, place: ShotInSequence | undefined, roots: readonly string[]): Promise<void> {
  if (place?.nextShot) await checkNextShotInside(place, shotPath, roots);
  else if (place) await checkSequenceInside(place.sequence, roots);
  for (const folder of [dirname(shotPath), join(dirname(shotPath), 'refs')]) {
    const real = await outside(folder, roots);
    if (real !== undefined) {
      throw new Refusal(vscode.l10n.t('{0} resolves to {1}, outside the workspace folders: nothing was written.', folder, real));
    }
  }
}
