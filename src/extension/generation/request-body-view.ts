import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import { describeCost, formatUsd } from '../common/cost-text';
import { bodyWithUploadPlaceholders } from './local-media';
import type { PreparedShot } from './preflight';

export const REQUEST_SCHEME = 'kling-request';

/**
 * "Show Request Body": a read-only virtual document (a content provider scheme, so there is
 * nothing to save or edit) with the exact JSON Generate would POST; local uploads as placeholders.
 */
export class RequestBodyDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(REQUEST_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      `// ${vscode.l10n.t('This request is no longer available: run "Kling: Show Request Body" again.')}\n`
    );
  }

  async show(p: PreparedShot, queueUrl: string, simulated: boolean): Promise<vscode.TextDocument> {
    const body = bodyWithUploadPlaceholders(p.body, p.mediaRefs);
    const text = [
      `// POST ${simulated ? vscode.l10n.t('<offline simulator>') : queueUrl}/${p.endpointId}`,
      `// ${vscode.l10n.t('Authorization: Key <your fal key>   (never shown)')}`,
      `// ${vscode.l10n.t(
        'Estimated cost: {0}',
        simulated ? describeCost({ usd: p.cost?.usd }, true) : p.cost ? formatUsd(p.cost.usd) : vscode.l10n.t('unknown'),
      )}`,
      // A cast member's voice not made yet is made on Generate, then bound: say so, as the body lacks it.
      ...p.take.voicesNeeded.map(
        n =>
          `// ${vscode.l10n.t('Voice of {0}: made from its sample first on Generate (create-voice), then sent as its voice_id', n.member.name)}`,
      ),
      JSON.stringify(body, null, 2),
      '',
    ].join('\n');
    const uri = vscode.Uri.from({
      scheme: REQUEST_SCHEME,
      path: `/${p.shotName.replace(/\.kling\.json$/i, '')}.request.jsonc`,
      query: p.shotUri.toString(),
    });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return doc;
  }
}
