import * as vscode from 'vscode';
import type { FalClient } from '../../client';
import { createLazyFalClient } from '../lazy-bundles';
import type { Log } from '../log';
import type { Connection } from '../provider/provider-service';
import { httpProxySettings } from '../settings/settings';

/** One fal client per connection (queue, storage, credentials), shared by the takes that use it. */
export class FalClients {
  private readonly clients = new Map<string, FalClient>();

  constructor(
    private readonly log: Log,
    private readonly storageDir: vscode.Uri | undefined,
  ) {}

  for(conn: Connection): FalClient {
    const key = `${conn.kind}|${conn.queueUrl}|${conn.storageUrl}`;
    let c = this.clients.get(key);
    if (!c) {
      const { proxy, noProxy } = httpProxySettings();
      c = createLazyFalClient({
        queueUrl: conn.queueUrl,
        storageUrl: conn.storageUrl,
        credentials: conn.credentials,
        // The in-process simulator is on loopback: never route it through a proxy from the env.
        ...(conn.kind === 'simulator' && { proxyEnv: {} }),
        ...(proxy && conn.kind === 'fal' && { proxy }),
        ...(noProxy.length && { noProxy: noProxy.join(',') }),
        ...(this.storageDir && { uploadCacheFile: vscode.Uri.joinPath(this.storageDir, 'upload-cache.json').fsPath }),
        logger: { debug: m => this.log.debug(m), info: m => this.log.info(m), warn: m => this.log.warn(m), error: m => this.log.error(m) },
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /** Forgets every client (the next take makes new ones); the result closes them once their takes have stopped. */
  detachAll(): () => Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    return async () => {
      await Promise.all(clients.map(c => c.close().catch(() => undefined)));
    };
  }
}
