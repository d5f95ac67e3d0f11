// Webview strings are translated with the host's bundle (vscode.l10n.bundle), which webview-html.ts
// puts in a data- attribute; without one, @vscode/l10n returns the English text it is given.
import * as l10n from '@vscode/l10n';

const bundle = document.body.dataset.l10n;
if (bundle) {
  l10n.config({ contents: JSON.parse(bundle) as l10n.l10nJsonFormat });
}

export { l10n };
