// Which shot comes after a shot: every sequence file of the workspace that lists it (read from its
// open document when there is one, so unsaved edits count), and the entry that follows it there.
import * as vscode from 'vscode';
import { MAX_SEQUENCE_BYTES, readTextInside } from '../../takes/boundary';
import { readRootsFor } from '../common/take-index';
import { dirname, resolve } from 'node:path';
import { analyzeSequence, placesOfShot, type SequencePlace } from '../../core';

export interface ShotInSequence {
  sequence: vscode.Uri;
  place: SequencePlace;
  /** Absolute path of the next shot file, when the shot is not the last entry. */
  nextShot?: string;
}

export async function sequencesListing(shotPath: string): Promise<ShotInSequence[]> {
  const files = await vscode.workspace.findFiles('**/*.kling-seq.json', '**/{node_modules,.git,.trash}/**', 500);
  const out: ShotInSequence[] = [];
  const target = resolve(shotPath);
  for (const uri of files.filter(f => f.scheme === 'file').sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    const text = open
      ? open.getText()
      : await readTextInside(uri.fsPath, { roots: readRootsFor(uri.fsPath), maxBytes: MAX_SEQUENCE_BYTES, kind: 'sequence file' }).catch(
          () => undefined,
        );
    if (text === undefined) continue;
    const base = dirname(uri.fsPath);
    for (const place of placesOfShot(analyzeSequence(text), rel => resolve(base, rel) === target)) {
      out.push({ sequence: uri, place, ...(place.next && { nextShot: resolve(base, place.next.shot) }) });
    }
  }
  return out;
}
