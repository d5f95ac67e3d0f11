import * as vscode from 'vscode';
import { newestFirst, readTakeRecordsBelow, numbersByShot, takesOfShot, type ShotTake, type TakeRecord } from '../../takes';
import { dirname, isAbsolute } from 'node:path';
import { outputDirFor } from '../../takes';
import { getSetting } from '../settings/settings';

export interface TakeEntry {
  path: string;
  record: TakeRecord;
  /** The take's number in its shot, where the listing knows it (the takes of one shot). */
  number?: number;
}

/** The workspace folders on disk: the roots of the one workspace boundary (src/takes/boundary.ts). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

/** Where a shot's takes go: `klingStudio.output.folder`, read for that shot (resource scope). */
export function outputDirOf(shot: vscode.Uri | string): string {
  const uri = typeof shot === 'string' ? vscode.Uri.file(shot) : shot;
  return outputDirFor(uri.fsPath, getSetting('output.folder', uri));
}

/**
 * `klingStudio.output.folder` for a shot or workspace folder when it is an absolute path: takes kept
 * outside the workspace folders (a restricted setting: in Restricted Mode only the user's own value
 * counts).
 */
export function absoluteOutputFolder(scope: vscode.Uri): string | undefined {
  const setting = getSetting('output.folder', scope).trim();
  return isAbsolute(setting) ? setting : undefined;
}

/**
 * Where a shot's clips may really be (see clip-boundary.ts): the workspace folders, else the shot's
 * own folder (as for uploads), plus an output folder the user set to an absolute path elsewhere.
 */
export function clipRootsFor(shot: string): string[] {
  const folders = workspaceRoots();
  const roots = folders.length ? folders : [dirname(shot)];
  return absoluteOutputFolder(vscode.Uri.file(shot)) ? [...roots, outputDirOf(shot)] : roots;
}

/**
 * Where take records, selection sidecars, sequences and the shots they name must really be, after
 * symlinks, to be read (src/takes/boundary.ts): the workspace folders on disk and each one's
 * absolute `klingStudio.output.folder` (absoluteOutputFolder); in a window without a folder, the
 * given file's folder and its output folder. Everything else is refused, in Restricted Mode too.
 */
export function readRootsFor(file?: string): string[] {
  const roots = workspaceTakeFolders().flatMap(s => s.folders);
  return roots.length || file === undefined ? roots : clipRootsFor(file);
}

/**
 * Each workspace folder on disk with the folders its takes are in: itself and its absolute
 * `klingStudio.output.folder` (resource-scoped: each folder may name its own). The spend of a folder
 * and its budget are summed over these.
 */
export function workspaceTakeFolders(): { folder: string; name: string; folders: string[] }[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter(f => f.uri.scheme === 'file')
    .map(f => {
      const elsewhere = absoluteOutputFolder(f.uri);
      return { folder: f.uri.fsPath, name: f.name, folders: elsewhere ? [f.uri.fsPath, elsewhere] : [f.uri.fsPath] };
    });
}

/** The takes of one shot file, newest first, read inside readRootsFor: the listing `kling takes` gives. */
export function takesForShot(shotUri: vscode.Uri): Promise<ShotTake[]> {
  return takesOfShot(outputDirOf(shotUri), shotUri.fsPath, { roots: readRootsFor(shotUri.fsPath) });
}

/**
 * Every take record below the workspace folders and their absolute output folders, newest first,
 * read inside readRootsFor (a record symlinked out of the workspace, a FIFO or a device is not read).
 */
export async function findAllTakes(): Promise<TakeEntry[]> {
  const roots = readRootsFor();
  const records = (await readTakeRecordsBelow(roots, { roots })).records;
  // Numbered per shot and output folder, as the takes panel numbers them (older records derived).
  const numbers = numbersByShot(records);
  return records.map(e => (numbers.has(e.path) ? { ...e, number: numbers.get(e.path)! } : e)).sort(newestFirst);
}
