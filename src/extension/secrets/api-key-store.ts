import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import { falKeyFromEnv } from '../../client';

const SECRET_KEY = 'klingStudio.falApiKey';

export type KeySource = 'secret-storage' | 'environment';

/**
 * The fal API key: SecretStorage first, the FAL_KEY environment variable (read-only) as fallback.
 * The key is only ever handed to the client's credentials callback: never to a setting, a log
 * line, a webview message or a take record.
 */
export class ApiKeyStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    this.register(
      secrets.onDidChange(e => {
        if (e.key === SECRET_KEY) {
          this.changed.fire();
        }
      }),
    );
  }

  async get(): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    if (stored) {
      return { key: stored, source: 'secret-storage' };
    }
    const fromEnv = falKeyFromEnv(this.env);
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }
  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
  async hasStored(): Promise<boolean> {
    return !!(await this.secrets.get(SECRET_KEY));
  }
}

/** fal keys look like `<uuid>:<hex>`; anything without the colon is almost surely a paste mistake. */
export function validateKeyShape(value: string): string | undefined {
  const v = value.trim();
  if (!v) {
    return vscode.l10n.t('Paste the key from fal.ai → Dashboard → Keys.');
  }
  if (/\s/.test(v)) {
    return vscode.l10n.t('A fal key contains no spaces.');
  }
  if (!v.includes(':')) {
    return vscode.l10n.t('A fal key has the form <key id>:<key secret>.');
  }
  return undefined;
}
