// Pure (no vscode): unit-tested in test/unit/settings. A settings.json value is unchecked JSON that
// a user typed, so each setting's reader turns whatever is there into the type the code uses, or
// the setting's default.
import type { TierPrice } from '../../core';

/** `klingStudio.editor.remotePreviews`. */
export type RemotePreviews = 'trusted' | 'always' | 'never';

export function parseRemotePreviews(raw: unknown): RemotePreviews {
  return raw === 'always' || raw === 'never' ? raw : 'trusted';
}

export type ProviderKind = 'fal' | 'simulator';

export function parseProvider(raw: unknown): ProviderKind {
  return raw === 'simulator' ? 'simulator' : 'fal';
}

/** `klingStudio.prices`: endpoint kind → tier → price; only entries with both audio prices count. */
export type PriceOverrides = Readonly<Record<string, Readonly<Record<string, TierPrice>>>>;

export function parsePrices(raw: unknown): PriceOverrides {
  if (!isObject(raw)) return {};
  // Object.fromEntries defines own properties: a kind or tier named `__proto__` stays a plain key.
  const kinds = Object.entries(raw).flatMap(([kind, tiers]) => {
    if (!isObject(tiers)) return [];
    const valid = Object.entries(tiers).flatMap(([tier, p]) => {
      if (!isObject(p) || typeof p.audioOff !== 'number' || typeof p.audioOn !== 'number') return [];
      const price: TierPrice = { audioOff: p.audioOff, audioOn: p.audioOn, ...(typeof p.voice === 'number' ? { voice: p.voice } : {}) };
      return [[tier, price] as const];
    });
    return valid.length ? [[kind, Object.fromEntries(valid)] as const] : [];
  });
  return Object.fromEntries(kinds);
}

/** A fal origin: trimmed, without a trailing slash; blank means the default. */
export function parseOrigin(raw: unknown, fallback: string): string {
  return typeof raw === 'string' && raw.trim() ? raw.trim().replace(/\/+$/, '') : fallback;
}

export function stringOr(raw: unknown, fallback: string): string {
  return typeof raw === 'string' ? raw : fallback;
}

export function numberOr(raw: unknown, fallback: number): number {
  return typeof raw === 'number' ? raw : fallback;
}

export function booleanOr(raw: unknown, fallback: boolean): boolean {
  return typeof raw === 'boolean' ? raw : fallback;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
