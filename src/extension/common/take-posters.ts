import * as fs from 'node:fs';
import * as vscode from 'vscode';

/**
 * A finished take's poster: its clip's first frame as a small PNG beside its record
 * (`<shot>.<stamp>.poster.png`), made once by the takes panel (the webview decodes H.264; node
 * cannot) and written through the atomic writer. The Generations view and the Compare picker show
 * it where an image is all a surface takes; the takes list shows the clip's first frame itself.
 */
export function posterPathFor(recordPath: string): string {
  return recordPath.replace(/\.take\.json$/i, '') + '.poster.png';
}

/** The poster of a take as an icon, when one has been made. */
export function posterIcon(recordPath: string): vscode.Uri | undefined {
  const poster = posterPathFor(recordPath);
  return fs.existsSync(poster) ? vscode.Uri.file(poster) : undefined;
}
