// Webview strings are translated with the host's bundle (vscode.l10n.bundle), which webview-html.ts
// puts in a data- attribute; without one, @vscode/l10n returns the English text it is given. Each
// entry point imports this module first, so the bundle is configured before anything renders.
//
// Files with strings call `l10n.t` on `import * as l10n from '@vscode/l10n'` itself: that is the
// only import shape `@vscode/l10n-dev export` recognises (a re-export from here would hide every
// string from l10n/bundle.l10n.json; test/unit/l10n checks both).
import * as l10n from '@vscode/l10n';

const bundle = document.body.dataset.l10n;
if (bundle) {
  l10n.config({ contents: JSON.parse(bundle) as l10n.l10nJsonFormat });
}
