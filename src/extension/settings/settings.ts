// The one reader and writer of VS Code settings in src/extension (eslint.config.mjs refuses
// `getConfiguration` anywhere else). Settings are read on every use, never cached, so a change
// applies to the next job without a reload.
//
// Restricted Mode: VS Code itself leaves a workspace's value of a restricted setting (see
// `SettingDefinition.restricted`) out of `get` in an untrusted window, so these reads see only the
// user's own value there. `inspect()` would hand the workspace's value over anyway: it is not used.
import * as vscode from 'vscode';
import { SECTION, SETTINGS, settingId, type ResourceSettingKey, type SettingKey, type SettingValue } from './definitions';

/** A resource-scoped setting is read for a shot or folder (undefined: the window's value); the others for the window. */
type ScopeOf<K extends SettingKey> = K extends ResourceSettingKey ? [scope: vscode.Uri | undefined] : [];

export function getSetting<K extends SettingKey>(key: K, ...[scope]: ScopeOf<K>): SettingValue<K> {
  const raw: unknown = vscode.workspace.getConfiguration(SECTION, scope).get(key);
  return SETTINGS[key].read(raw) as SettingValue<K>;
}

export async function updateSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
  target: vscode.ConfigurationTarget,
): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}

/**
 * Calls `listener` after a change to any of `keys`; with `scope`, only a change that applies to
 * that resource (another folder's own value does not).
 */
export function onDidChangeSetting(keys: SettingKey | readonly SettingKey[], listener: () => void, scope?: vscode.Uri): vscode.Disposable {
  const ids = (typeof keys === 'string' ? [keys] : keys).map(settingId);
  return vscode.workspace.onDidChangeConfiguration(e => {
    if (ids.some(id => e.affectsConfiguration(id, scope))) listener();
  });
}

/** VS Code's own proxy settings, which the fal client follows as the editor's network does. */
export function httpProxySettings(): { proxy: string | undefined; noProxy: string[] } {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get<string>('proxy')?.trim(), noProxy: http.get<string[]>('noProxy') ?? [] };
}
