import * as vscode from 'vscode';
import { analyzeCast, castAsMediaAnalysis, checkMedia, errorText, isCastFile, type ShotDiagnostic } from '../../core';
import { nodeFileAccess } from '../../media/node-files';
import { workspaceRoots } from '../common/take-index';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { toVsDiagnostic } from './convert';
import { mediaCache } from './media-checks';

export const isCastDocument = (doc: vscode.TextDocument): boolean => doc.uri.scheme === 'file' && isCastFile(doc.uri.fsPath);

/**
 * Problems of open cast files (`*.kling-cast.json`): their shape, and each member's media through
 * the shot files' media checks. A cast file that changes (typed or saved) is announced, so the
 * shots that may use it are checked again against what it now says.
 */
export class CastAnalysisService extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('kling-cast'));
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** A cast file changed (its text in an editor, or on disk). */
  readonly onDidChange = this.changed.event;
  private readonly versions = new Map<string, number>();

  constructor(private readonly log: Log) {
    super();
    for (const doc of vscode.workspace.textDocuments) void this.check(doc);
    this.register(vscode.workspace.onDidOpenTextDocument(doc => void this.check(doc)));
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length && isCastDocument(e.document)) {
          void this.check(e.document);
          this.changed.fire(e.document.uri);
        }
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument(doc => {
        this.versions.delete(doc.uri.toString());
        this.collection.delete(doc.uri);
        // Closed unsaved: the disk's text counts again.
        if (isCastDocument(doc)) this.changed.fire(doc.uri);
      }),
    );
  }

  /** The text of a cast file open in an editor (it wins over the disk), for the cast lookup. */
  textOf(file: string): string | undefined {
    return vscode.workspace.textDocuments.find(d => isCastDocument(d) && d.uri.fsPath === file)?.getText();
  }

  /** A cast file changed on disk (the analysis service's file watcher). */
  fileChanged(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    if (!isCastDocument(doc)) return;
    const key = doc.uri.toString();
    const version = doc.version;
    this.versions.set(key, version);
    const cast = analyzeCast(doc.uri.fsPath, doc.getText());
    this.collection.set(doc.uri, cast.diagnostics.map(toVsDiagnostic));
    let media: ShotDiagnostic[] = [];
    try {
      media = await checkMedia(castAsMediaAnalysis(cast), {
        shotFilePath: doc.uri.fsPath,
        workspaceFolders: workspaceRoots(),
        files: nodeFileAccess,
        cache: mediaCache,
      });
    } catch (e) {
      this.log.error(`media checks failed for ${doc.uri.fsPath}: ${errorText(e)}`);
    }
    if (this.versions.get(key) !== version || doc.version !== version || !media.length) return;
    this.collection.set(doc.uri, [...cast.diagnostics, ...media].map(toVsDiagnostic));
  }
}
