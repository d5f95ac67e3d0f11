// Naming and writing a new file of ours (New Shot File, New Sequence): a free name offered, a
// name refused while it is taken or holds a path, and the file written whole and exclusively
// through the atomic writer, so one made between the check and the write is never replaced.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { errorText } from '../../core/error-text';
import { notificationText } from '../../core/ui-text';
import { writeFileAtomic } from '../../media/atomic-write';

/** `name` with `suffix` (".kling.json", ".kling-seq.json") added unless it ends with it. */
export function withSuffix(name: string, suffix: string): string {
  const n = name.trim();
  return n.endsWith(suffix) ? n : `${n}${suffix}`;
}

/** `base`, else `base-2`, `base-3`…: the first whose file does not exist in `dir`. */
export function freeName(dir: string, base: string, suffix: string): string {
  for (let i = 1; ; i++) {
    const n = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(join(dir, `${n}${suffix}`))) return n;
  }
}

/** Asks for the new file's name in `dir`; undefined when cancelled. */
export async function askNewFileName(dir: vscode.Uri, o: { title: string; base: string; suffix: string }): Promise<vscode.Uri | undefined> {
  const name = await vscode.window.showInputBox({
    title: o.title,
    prompt: vscode.l10n.t('File name ("{0}" is added)', o.suffix),
    value: freeName(dir.fsPath, o.base, o.suffix),
    validateInput: v =>
      !v.trim()
        ? vscode.l10n.t('Enter a name')
        : /[\\/:*?"<>|]/.test(v)
          ? vscode.l10n.t('No path separators or reserved characters')
          : existsSync(join(dir.fsPath, withSuffix(v, o.suffix)))
            ? vscode.l10n.t('A file with this name exists')
            : undefined,
  });
  return name ? vscode.Uri.joinPath(dir, withSuffix(name, o.suffix)) : undefined;
}

/** Writes `text` as the new file `uri`; false (after saying why) when it exists or cannot be written. */
export async function writeNewFile(uri: vscode.Uri, text: string): Promise<boolean> {
  try {
    await writeFileAtomic(uri.fsPath, text, { exclusive: true });
    return true;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'EEXIST' ? vscode.l10n.t('a file with this name exists') : errorText(e);
    void vscode.window.showErrorMessage(notificationText(vscode.l10n.t('Kling: could not create {0}: {1}', uri.fsPath, why)));
    return false;
  }
}
