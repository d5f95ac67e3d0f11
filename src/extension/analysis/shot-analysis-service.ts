import * as vscode from 'vscode';
import { basename } from 'node:path';
import { analyzeShot, fileDiagnostic, type ShotAnalysis, type ShotDiagnostic, errorText } from '../../core';
import { applyCast, castInUse, memberMediaDiagnostics } from '../../takes';
import { nodeFileAccess } from '../../media/node-files';
import { workspaceRoots } from '../common/take-index';
import type { CastAnalysisService } from './cast-analysis';
import { Disposable } from '../dispose';
import type { Log } from '../log';
import { isShotDocument } from './shot-documents';
import { toVsDiagnostic } from './convert';
import { checkMediaFor, mediaCache } from './media-checks';

export interface ShotState {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly analysis: ShotAnalysis;
  /** Sync rules plus media checks (once they finished for this version) plus fal's own 422s. */
  readonly diagnostics: readonly ShotDiagnostic[];
  readonly mediaChecked: boolean;
}

/**
 * One computation of a shot file's diagnostics per document version, shared by the Problems panel,
 * the text editor's squiggles, the custom editor, quick fixes and the generate command.
 * Sync rules run at once (they are linear and cheap); media checks are async and cached by core.
 */
export class ShotAnalysisService extends Disposable {
  private readonly states = new Map<string, ShotState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Errors fal returned for the last submit of a file (422 `loc`), kept until the file changes. */
  private readonly falErrors = new Map<string, ShotDiagnostic[]>();
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('kling'));
  private readonly changed = this.register(new vscode.EventEmitter<ShotState>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: Log,
    private readonly debounceMs = 120,
    /** Open cast files' text, and news of a cast file changing: the shots that may use it are checked again. */
    private readonly casts?: CastAnalysisService,
  ) {
    super();
    if (casts) this.register(casts.onDidChange(() => this.reanalyzeAll(state => castInUse(state.analysis))));
    for (const doc of vscode.workspace.textDocuments) {
      this.schedule(doc, 0);
    }
    this.register(vscode.workspace.onDidOpenTextDocument(doc => this.schedule(doc, 0)));
    this.register(
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.contentChanges.length) {
          this.falErrors.delete(e.document.uri.toString());
          this.schedule(e.document, this.debounceMs);
        }
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument(doc => this.forget(doc.uri)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reanalyzeAll()));
    // A media file edited outside VS Code changes its mtime; core's cache keys on it, so re-run the
    // shots that refer to it. By file name, not full path: a reference may go through a symlink.
    // Clips landing in renders/ (named after no reference) therefore cost nothing.
    // Cast files and voice samples too: a shot's cast is read from disk unless open.
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,webp,gif,mp4,mov,wav,mp3,kling-cast.json}'));
    const onMedia = (uri: vscode.Uri) =>
      uri.path.endsWith('.kling-cast.json') ? this.casts?.fileChanged(uri) : this.reanalyzeReferencing(basename(uri.fsPath));
    this.register(watcher.onDidChange(onMedia));
    this.register(watcher.onDidCreate(onMedia));
    this.register(watcher.onDidDelete(onMedia));
  }

  /** The current state of a shot document, computing the sync part now if it is stale. */
  get(doc: vscode.TextDocument): ShotState {
    const key = doc.uri.toString();
    const cur = this.states.get(key);
    if (cur && cur.version === doc.version) {
      return cur;
    }
    return this.analyzeNow(doc);
  }

  /** Everything, media checks included, for this version (what Generate must wait for). */
  async getComplete(doc: vscode.TextDocument): Promise<ShotState> {
    const state = this.get(doc);
    if (state.mediaChecked) {
      return state;
    }
    return this.runMediaChecks(doc, state);
  }

  /** The text of a cast file open in an editor, which the cast lookup reads before the disk. */
  castText(file: string): string | undefined {
    return this.casts?.textOf(file);
  }

  /** fal rejected a submit: show its 422 errors at the keys named by `loc` until the file changes. */
  setFalErrors(uri: vscode.Uri, diagnostics: ShotDiagnostic[]): void {
    this.falErrors.set(uri.toString(), diagnostics);
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (doc) {
      this.publish(doc, this.get(doc));
    }
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isShotDocument(doc)) {
      return;
    }
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const state = this.get(doc);
        void this.runMediaChecks(doc, state);
      }, delay),
    );
  }

  private analyzeNow(doc: vscode.TextDocument): ShotState {
    const analysis = analyzeShot(doc.getText());
    const state: ShotState = {
      uri: doc.uri,
      version: doc.version,
      analysis,
      diagnostics: analysis.diagnostics,
      mediaChecked: analysis.mediaRefs.length === 0 && !castInUse(analysis),
    };
    this.publish(doc, state);
    return state;
  }

  private async runMediaChecks(doc: vscode.TextDocument, state: ShotState): Promise<ShotState> {
    if (state.mediaChecked) {
      return state;
    }
    let media: ShotDiagnostic[] = [];
    try {
      media = await checkMediaFor(doc.uri, state.analysis);
    } catch (e) {
      this.log.error(`media checks failed for ${doc.uri.fsPath}: ${errorText(e)}`);
    }
    const cast = await this.castDiagnostics(doc.uri, state.analysis);
    const latest = this.states.get(doc.uri.toString());
    // The document moved on while files were read: that version's own run will publish.
    if (!latest || latest.version !== state.version || doc.version !== state.version) {
      return latest ?? state;
    }
    const complete: ShotState = { ...state, diagnostics: [...state.analysis.diagnostics, ...media, ...cast], mediaChecked: true };
    this.publish(doc, complete);
    return complete;
  }

  /** The shot's cast as the take session resolves it (src/takes), with its members' media checked. */
  private async castDiagnostics(uri: vscode.Uri, analysis: ShotAnalysis): Promise<ShotDiagnostic[]> {
    if (uri.scheme !== 'file' || !castInUse(analysis)) return [];
    try {
      const roots = workspaceRoots();
      const applied = await applyCast(analysis, uri.fsPath, roots, { textOf: f => this.casts?.textOf(f) });
      if (!applied) return [];
      const ctx = { shotFilePath: uri.fsPath, workspaceFolders: roots, files: nodeFileAccess, cache: mediaCache };
      return [
        ...applied.problems.map(p => fileDiagnostic('kling.cast-file', p)),
        ...applied.diagnostics,
        ...(await memberMediaDiagnostics(analysis, applied, ctx)),
      ];
    } catch (e) {
      this.log.error(`cast checks failed for ${uri.fsPath}: ${errorText(e)}`);
      return [];
    }
  }

  private publish(doc: vscode.TextDocument, state: ShotState): void {
    const key = doc.uri.toString();
    const fal = this.falErrors.get(key) ?? [];
    const withFal: ShotState = fal.length ? { ...state, diagnostics: [...state.diagnostics, ...fal] } : state;
    this.states.set(key, withFal);
    this.collection.set(doc.uri, withFal.diagnostics.map(toVsDiagnostic));
    this.changed.fire(withFal);
  }

  private reanalyzeReferencing(fileName: string): void {
    this.reanalyzeAll(state => state.analysis.mediaRefs.some(r => r.isLocal && basename(r.value) === fileName));
  }

  private reanalyzeAll(which: (state: ShotState) => boolean = () => true): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (!isShotDocument(doc)) {
        continue;
      }
      const state = this.states.get(doc.uri.toString());
      if (state && !which(state)) {
        continue;
      }
      this.states.delete(doc.uri.toString());
      this.schedule(doc, this.debounceMs);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.states.delete(key);
    this.falErrors.delete(key);
    this.collection.delete(uri);
  }

  override dispose(): void {
    for (const t of this.timers.values()) {
      clearTimeout(t);
    }
    super.dispose();
  }
}
