import * as vscode from 'vscode';
import { requestSnippet, SNIPPET_FORMS, type SnippetForm } from '../../../core';
import { labelText, notificationText } from '../../../core/ui-text';
import { readProviderConfig } from '../../provider/provider-config';
import type { GenerationContext } from '../generation-context';
import { preparedShotArg } from './command-args';

const FORM_LABELS: Record<SnippetForm, () => string> = {
  curl: () => vscode.l10n.t('cURL'),
  javascript: () => vscode.l10n.t('JavaScript (@fal-ai/client)'),
  python: () => vscode.l10n.t('Python (fal-client)'),
};

async function pickForm(): Promise<SnippetForm | undefined> {
  const picked = await vscode.window.showQuickPick(
    SNIPPET_FORMS.map(form => ({ label: labelText(FORM_LABELS[form]()), form })),
    { title: vscode.l10n.t('Copy Request As') },
  );
  return picked?.form;
}

/**
 * klingStudio.copyRequest: the request Generate would send, as a cURL, JavaScript or Python snippet
 * on the clipboard, made from the same preparation as Generate (the one request builder) with the
 * key as a placeholder. `form` skips the picker (keybindings and the in-host tests pass it).
 * Returns the text copied.
 */
export function registerCopyRequestCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.copyRequest', async (uri?: unknown, form?: unknown) => {
    const chosen = SNIPPET_FORMS.includes(form as SnippetForm) ? (form as SnippetForm) : await pickForm();
    if (!chosen) {
      return undefined;
    }
    const p = await preparedShotArg(uri, ctx);
    if (!p) {
      return undefined;
    }
    const text = requestSnippet(chosen, {
      endpointId: p.endpointId,
      body: p.body,
      localFiles: p.take.localMedia.map(m => ({ path: m.path, file: m.file })),
      queueUrl: readProviderConfig().queueUrl,
    });
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(
      notificationText(
        vscode.l10n.t('Copied the request as {0}. It names your key as FAL_KEY; the key itself is not in it.', FORM_LABELS[chosen]()),
      ),
    );
    return text;
  });
}
