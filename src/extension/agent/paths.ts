// Where the agent tools may read and write: a path is relative to the first workspace folder (or
// absolute), and it must really be inside the workspace, after symlinks, through the workspace
// boundary every other read of a named file goes through.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkInside, realRoots } from '../../takes';

/** A refusal the agent reads: the tool answers with `{ error }` carrying this message. */
export class ToolRefusal extends Error {}

function folders(): string[] {
  const fs = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
  if (!fs.length) throw new ToolRefusal(vscode.l10n.t('Open a folder first: the Kling tools only read files inside the workspace.'));
  return fs;
}

/**
 * An existing file named by a tool call, refused unless it is inside `roots` (the workspace folders
 * unless given: a take record may be in a folder's own output folder).
 */
export async function existingUri(given: string, roots?: string[]): Promise<vscode.Uri> {
  const base = folders();
  const abs = path.resolve(base[0]!, given);
  const c = await checkInside(abs, await realRoots(roots ?? base));
  if (c.inside) return vscode.Uri.file(abs);
  throw new ToolRefusal(
    c.reason === 'outside'
      ? vscode.l10n.t('{0} is outside the workspace folders; only files inside them are used.', given)
      : vscode.l10n.t('{0} does not exist (paths are relative to {1}).', given, base[0]!),
  );
}

/** A file a tool is to write: its folder must exist inside the workspace, and the name must not lead out of it. */
export async function writableUri(given: string): Promise<vscode.Uri> {
  const base = folders();
  const roots = await realRoots(base);
  const abs = path.resolve(base[0]!, given);
  const dir = await checkInside(path.dirname(abs), roots);
  if (!dir.inside)
    throw new ToolRefusal(
      dir.reason === 'missing'
        ? vscode.l10n.t('The folder of {0} does not exist; nothing was written.', given)
        : vscode.l10n.t('{0} is outside the workspace folders; nothing was written.', given),
    );
  const file = await checkInside(abs, roots);
  if (file.reason === 'outside') throw new ToolRefusal(vscode.l10n.t('{0} is outside the workspace folders; nothing was written.', given));
  return vscode.Uri.file(path.join(dir.realPath, path.basename(abs)));
}
