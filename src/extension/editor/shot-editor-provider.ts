import * as vscode from 'vscode';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { FromWebview, type ToWebview, type EditorDiagnostic } from '../../shared/messages';
import { webviewHtml } from '../webview-html';
import type { Log } from '../log';

export const SHOT_EDITOR_VIEW_TYPE = 'klingStudio.shotEditor';

/**
 * The shot editor is a CustomTextEditor: the TextDocument is the only model. The webview renders
 * what we send (text version + parsed model + diagnostics) and sends back intents.
 */
export class ShotEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {}

  static register(context: vscode.ExtensionContext, log: Log): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(SHOT_EDITOR_VIEW_TYPE, new ShotEditorProvider(context.extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    });
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const subscriptions: vscode.Disposable[] = [];
    panel.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { script: 'shot-editor.main.js', title: 'Kling Shot Editor' });

    let lastSentVersion = -1;
    const send = (force = false) => {
      if (!force && document.version === lastSentVersion) { return; }
      lastSentVersion = document.version;
      const text = document.getText();
      const msg: ToWebview = {
        type: 'document', version: document.version, fileName: document.uri.path.split('/').pop() ?? '',
        text, diagnostics: parseDiagnostics(document, text),
      };
      void panel.webview.postMessage(msg);
    };

    subscriptions.push(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document.uri.toString() === document.uri.toString() && e.contentChanges.length > 0) { send(); }
      }),
      panel.webview.onDidReceiveMessage(raw => {
        const parsed = FromWebview.safeParse(raw);
        if (!parsed.success) { this.log.warn(`shot editor: dropped an invalid message from the webview: ${parsed.error.message}`); return; }
        const msg = parsed.data;
        switch (msg.type) {
          case 'ready': send(msg.version !== document.version); break;
          case 'reopenAsText': void vscode.commands.executeCommand('vscode.openWith', document.uri, 'default', panel.viewColumn); break;
          case 'revealRange': void revealInTextEditor(document, msg.range); break;
        }
      }),
    );
    panel.onDidDispose(() => subscriptions.forEach(d => d.dispose()));
  }
}

function parseDiagnostics(document: vscode.TextDocument, text: string): EditorDiagnostic[] {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.map(e => {
    const start = document.positionAt(e.offset); const end = document.positionAt(e.offset + e.length);
    return {
      severity: 'error' as const, code: 'kling.parse', path: [],
      message: `JSON parse error: ${printParseErrorCode(e.error)}`,
      range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    };
  });
}

async function revealInTextEditor(document: vscode.TextDocument, r: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.window.showTextDocument(document, { selection: range, viewColumn: vscode.ViewColumn.Beside, preview: false });
}
