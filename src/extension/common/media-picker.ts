import * as vscode from 'vscode';
import * as path from 'node:path';

export type PickedKind = 'image' | 'video' | 'audio';

const FILTERS: Record<PickedKind, Record<string, string[]>> = {
  image: { Images: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
  video: { Videos: ['mp4', 'mov', 'webm'] },
  audio: { Audio: ['wav', 'mp3', 'm4a', 'aac', 'ogg', 'flac'] },
};

const OPEN_LABEL: Record<PickedKind, () => string> = {
  image: () => vscode.l10n.t('Use Image'),
  video: () => vscode.l10n.t('Use Video'),
  audio: () => vscode.l10n.t('Use Audio'),
};

const TITLE: Record<PickedKind, () => string> = {
  image: () => vscode.l10n.t('Choose a reference image'),
  video: () => vscode.l10n.t('Choose a reference video'),
  audio: () => vscode.l10n.t('Choose a voice sample'),
};

/**
 * The host's open dialog for a reference file; returns the path to store, relative to the shot file
 * with forward slashes and a leading "./" (the form docs/ARCHITECTURE.md documents for shot files), or undefined if cancelled.
 */
export async function pickMediaPath(shotUri: vscode.Uri, kind: PickedKind, title?: string): Promise<string | undefined> {
  const shotDir = vscode.Uri.joinPath(shotUri, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: shotDir,
    filters: FILTERS[kind],
    openLabel: OPEN_LABEL[kind](),
    title: title ?? TITLE[kind](),
  });
  const file = picked?.[0];
  if (!file) {
    return undefined;
  }
  return relativeMediaPath(shotDir, file);
}

export function relativeMediaPath(shotDir: vscode.Uri, file: vscode.Uri): string {
  if (file.scheme !== shotDir.scheme || file.authority !== shotDir.authority) {
    return file.toString();
  }
  const rel = path.posix.relative(shotDir.path, file.path);
  return rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}
