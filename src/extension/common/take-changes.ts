import * as vscode from 'vscode';

/**
 * In-window news that a shot's takes or its circle changed (a take finished here, the takes panel
 * circled or trashed one), by shot file. The file watchers still carry what other windows and the
 * CLI do; this makes what happens here certain, even in the moment a watcher is still starting.
 */
export class TakeChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  fire(shotUri: vscode.Uri): void {
    this.emitter.fire(shotUri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
