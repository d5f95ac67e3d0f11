import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { htmlText } from '../../core/ui-text';

/**
 * HTML shell for our webviews: strict CSP with a per-load random nonce, no inline script or style
 * except the nonce'd bundle, initial data in a data- attribute (never interpolated into script).
 */
export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  opts: { script: string; title: string; initialData?: unknown; remoteImages?: boolean },
): string {
  const nonce = randomBytes(18).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', opts.script));
  const csp = [
    `default-src 'none'`,
    // https: images only where the caller allows a request to a server the file names.
    `img-src ${webview.cspSource}${opts.remoteImages === false ? '' : ' https:'} data:`,
    `media-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    // Lit/vscode-elements use constructable stylesheets (adoptedStyleSheets), which style-src governs
    // only for <style>/<link>; our own CSS is injected the same way, so no 'unsafe-inline' is needed.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const data = opts.initialData === undefined ? '' : ` data-initial="${htmlText(JSON.stringify(opts.initialData))}"`;
  // The webview translates with the same bundle as the host (absent for English, the built-in text).
  const bundle = vscode.l10n.bundle === undefined ? '' : ` data-l10n="${htmlText(JSON.stringify(vscode.l10n.bundle))}"`;
  return `<!DOCTYPE html>
<html lang="${htmlText(vscode.env.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(opts.title)}</title>
</head>
<body${data}${bundle}>
<div id="app" role="main"></div>
<script type="module" nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
