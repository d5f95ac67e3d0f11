// Pure (no vscode): every `klingStudio.*` setting the extension reads, with the default, scope and
// Restricted Mode status package.json's `contributes.configuration` and
// `capabilities.untrustedWorkspaces` give it (test/unit/settings/definitions.test.ts keeps the two
// equal), and the reader that turns the unchecked JSON of settings.json into its type.
import { normalizeBudget } from '../../core';
import { DEFAULT_QUEUE_URL, DEFAULT_STORAGE_URL } from '../../client';
import { DEFAULT_OUTPUT_FOLDER } from '../../takes/store/output-folder';
import {
  booleanOr,
  numberOr,
  parseOrigin,
  parsePrices,
  parseProvider,
  parseRemotePreviews,
  stringOr,
  type PriceOverrides,
  type ProviderKind,
  type RemotePreviews,
} from './readers';

export const SECTION = 'klingStudio';

/**
 * package.json's `scope`: a `window` setting has one value per window; the others may differ per
 * workspace folder, so they are read for a resource (a shot, a folder).
 */
export type SettingScope = 'window' | 'resource' | 'machine-overridable';

export interface SettingDefinition<T, S extends SettingScope = SettingScope> {
  /** package.json's `default`, which VS Code answers with when nothing is set. */
  readonly default: T;
  readonly scope: S;
  /**
   * Listed in `restrictedConfigurations`: in Restricted Mode VS Code leaves the workspace's value
   * out of every read, so a folder the user does not trust cannot point a path or a URL elsewhere.
   */
  readonly restricted: boolean;
  readonly read: (raw: unknown) => T;
}

const define = <T, const S extends SettingScope>(d: SettingDefinition<T, S>) => d;

export const SETTINGS = {
  prices: define({ default: {} as PriceOverrides, scope: 'window', restricted: false, read: parsePrices }),
  provider: define({ default: 'fal' as ProviderKind, scope: 'window', restricted: false, read: parseProvider }),
  confirmCostAbove: define({ default: 2, scope: 'window', restricted: false, read: raw => numberOr(raw, 2) }),
  'budget.dailyUsd': define({
    default: null as number | null,
    scope: 'resource',
    restricted: false,
    read: raw => normalizeBudget(raw) ?? null,
  }),
  'budget.workspaceUsd': define({
    default: null as number | null,
    scope: 'resource',
    restricted: false,
    read: raw => normalizeBudget(raw) ?? null,
  }),
  // It permits spending rather than limiting it, so a folder the user does not trust cannot raise it.
  'agent.budgetUsd': define({
    default: null as number | null,
    scope: 'window',
    restricted: true,
    read: raw => normalizeBudget(raw) ?? null,
  }),
  'output.folder': define({
    default: DEFAULT_OUTPUT_FOLDER,
    scope: 'resource',
    restricted: true,
    read: raw => stringOr(raw, DEFAULT_OUTPUT_FOLDER),
  }),
  'takes.openOnLand': define({ default: true, scope: 'resource', restricted: false, read: raw => booleanOr(raw, true) }),
  ffmpegPath: define({ default: '', scope: 'machine-overridable', restricted: true, read: raw => stringOr(raw, '') }),
  'editor.remotePreviews': define({
    default: 'trusted' as RemotePreviews,
    scope: 'window',
    restricted: true,
    read: parseRemotePreviews,
  }),
  'fal.queueUrl': define({
    default: DEFAULT_QUEUE_URL,
    scope: 'window',
    restricted: true,
    read: raw => parseOrigin(raw, DEFAULT_QUEUE_URL),
  }),
  'fal.storageUrl': define({
    default: DEFAULT_STORAGE_URL,
    scope: 'window',
    restricted: true,
    read: raw => parseOrigin(raw, DEFAULT_STORAGE_URL),
  }),
  'simulator.jobSeconds': define({
    default: 6,
    scope: 'window',
    restricted: false,
    read: raw => Math.max(0, numberOr(raw, 6)),
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = ReturnType<(typeof SETTINGS)[K]['read']>;
/** The settings a folder may set for itself: read for a resource. */
export type ResourceSettingKey = { [K in SettingKey]: (typeof SETTINGS)[K]['scope'] extends 'window' ? never : K }[SettingKey];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The full id, as package.json and the Settings editor name it. */
export function settingId(key: SettingKey): `${typeof SECTION}.${SettingKey}` {
  return `${SECTION}.${key}`;
}
