import * as vscode from 'vscode';
import * as path from 'node:path';

const FILTERS: Record<'image' | 'video', Record<string, string[]>> = {
  image: { Images: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
  video: { Videos: ['mp4', 'mov', 'webm'] },
};

/**
 * The host's open dialog for a reference file; returns the path to store, relative to the shot file
 * with forward slashes and a leading "./" (the form docs/ARCHITECTURE.md documents for shot files), or undefined if cancelled.
 */
export async function pickMediaPath(shotUri: vscode.Uri, kind: 'image' | 'video', title?: string): Promise<string | undefined> {
  const shotDir = vscode.Uri.joinPath(shotUri, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: shotDir,
    filters: FILTERS[kind],
    openLabel: kind === 'image' ? vscode.l10n.t('Use Image') : vscode.l10n.t('Use Video'),
    title: title ?? (kind === 'image' ? vscode.l10n.t('Choose a reference image') : vscode.l10n.t('Choose a reference video')),
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
