import * as vscode from 'vscode';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isInside } from '../../core';
import { Disposable } from '../dispose';
import { workspaceRoots } from './take-index';

/** Everything the take views follow on disk: take records, clips, circles, shot and sequence files. */
const WORKSPACE_FILES = '**/*.{take.json,mp4,selection.json,kling.json,kling-seq.json}';
/** What changes in an output folder when a take lands or the circle moves. */
const OUTPUT_FILES = '*.{take.json,mp4,selection.json}';
const OUTPUT_FILE = /\.(take\.json|mp4|selection\.json)$/;

export interface TakeFileEvent {
  readonly uri: vscode.Uri;
  readonly type: 'created' | 'changed' | 'deleted';
}

interface Outside {
  /** The folder or file the pattern covers: watched here only while it is outside every workspace folder. */
  readonly path: string;
  readonly pattern: vscode.RelativePattern;
  users: number;
  watcher: vscode.Disposable | undefined;
}

/**
 * News that a shot's takes or its circle changed, for every view that shows takes (takes panel,
 * shot editors, Generations view, CodeLens, spend, sequence editor and its Problems). From the disk:
 * one watcher on the workspace folders, shared by all of them, plus a watcher of its own for an
 * output folder (or a shot) outside them while a view needs it. From this window (`fire`): a take
 * finished here, the takes panel circled or trashed one; that news is certain even in the moment a
 * watcher is still starting.
 */
export class TakeChanges extends Disposable {
  private readonly shotEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** This window changed the takes or the circle of a shot (by shot file). */
  readonly onDidChange = this.shotEmitter.event;
  private readonly fileEmitter = this.register(new vscode.EventEmitter<TakeFileEvent>());
  /** A take record, clip, selection, shot or sequence file was created, changed or deleted. */
  readonly onDidChangeFile = this.fileEmitter.event;
  private readonly outside = new Map<string, Outside>();

  constructor() {
    super();
    this.register(this.forward(vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.outside.forEach(o => this.sync(o))));
    this.register({ dispose: () => this.outside.forEach(o => o.watcher?.dispose()) });
  }

  fire(shotUri: vscode.Uri): void {
    this.shotEmitter.fire(shotUri);
  }

  /**
   * Calls `listener` for each take record, clip or selection created, changed or deleted in
   * `outputDir`, the output folder of `shotFile`.
   */
  onOutputChange(shotFile: string, outputDir: string, listener: (e: TakeFileEvent) => void): vscode.Disposable {
    return this.followFolder(outputDir, outputPattern(shotFile, outputDir), listener);
  }

  /** The same for a folder that exists whatever its shots (an absolute output folder a workspace folder names). */
  onFolderChange(folder: string, listener: (e: TakeFileEvent) => void): vscode.Disposable {
    return this.followFolder(folder, new vscode.RelativePattern(vscode.Uri.file(folder), OUTPUT_FILES), listener);
  }

  private followFolder(outputDir: string, pattern: vscode.RelativePattern, listener: (e: TakeFileEvent) => void): vscode.Disposable {
    const dir = vscode.Uri.file(resolve(outputDir)).toString();
    return vscode.Disposable.from(
      this.need(outputDir, pattern),
      this.onDidChangeFile(e => {
        if (OUTPUT_FILE.test(e.uri.path) && vscode.Uri.file(dirname(e.uri.fsPath)).toString() === dir) listener(e);
      }),
    );
  }

  /** Calls `listener` when the shot file is created, changed or deleted. */
  onShotChange(shotFile: string, listener: (e: TakeFileEvent) => void): vscode.Disposable {
    const file = vscode.Uri.file(resolve(shotFile)).toString();
    return vscode.Disposable.from(
      this.need(shotFile, new vscode.RelativePattern(vscode.Uri.file(dirname(shotFile)), basename(shotFile))),
      this.onDidChangeFile(e => {
        if (e.uri.toString() === file) listener(e);
      }),
    );
  }

  private forward(w: vscode.FileSystemWatcher): vscode.Disposable {
    return vscode.Disposable.from(
      w,
      w.onDidCreate(uri => this.fileEmitter.fire({ uri, type: 'created' })),
      w.onDidChange(uri => this.fileEmitter.fire({ uri, type: 'changed' })),
      w.onDidDelete(uri => this.fileEmitter.fire({ uri, type: 'deleted' })),
    );
  }

  /** Holds a watcher on `pattern` while `path` is outside every workspace folder, for as long as the result is not disposed. */
  private need(path: string, pattern: vscode.RelativePattern): vscode.Disposable {
    const key = `${pattern.baseUri.toString()}|${pattern.pattern}`;
    let o = this.outside.get(key);
    if (!o) {
      o = { path, pattern, users: 0, watcher: undefined };
      this.outside.set(key, o);
      this.sync(o);
    }
    o.users++;
    const entry = o;
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        if (--entry.users === 0) {
          entry.watcher?.dispose();
          this.outside.delete(key);
        }
      },
    };
  }

  private sync(o: Outside): void {
    const inside = o.pattern.baseUri.scheme !== 'file' || workspaceRoots().some(f => isInside(f, o.path));
    if (inside || this.isDisposed) {
      o.watcher?.dispose();
      o.watcher = undefined;
    } else {
      o.watcher ??= this.forward(vscode.workspace.createFileSystemWatcher(o.pattern));
    }
  }
}

/**
 * The take files of an output folder. It usually does not exist until the shot's first take, and a
 * watcher on a missing folder can miss the files created with it: a folder below the shot's is
 * watched from the shot's folder, which exists.
 */
function outputPattern(shotFile: string, outputDir: string): vscode.RelativePattern {
  const shotDir = dirname(shotFile);
  const rel = relative(shotDir, outputDir);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel) && !/[*?{}[\]]/.test(rel)) {
    return new vscode.RelativePattern(vscode.Uri.file(shotDir), `${rel.split(sep).join('/')}/${OUTPUT_FILES}`);
  }
  return new vscode.RelativePattern(vscode.Uri.file(outputDir), OUTPUT_FILES);
}
