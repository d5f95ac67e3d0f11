import * as vscode from 'vscode';
import { DEFAULT_PRICES, type PriceTable } from '../../core';

/**
 * `klingStudio.prices` overrides DEFAULT_PRICES per endpoint kind and tier (fal changes prices;
 * the defaults are fal's published later-2026 figures). Malformed entries are ignored.
 */
export function configuredPrices(): PriceTable {
  const raw = vscode.workspace.getConfiguration('klingStudio').get<unknown>('prices');
  if (typeof raw !== 'object' || raw === null) {
    return DEFAULT_PRICES;
  }
  const perSecond: Record<string, Record<string, unknown>> = {};
  for (const [kind, tiers] of Object.entries(DEFAULT_PRICES.perSecond)) {
    perSecond[kind] = { ...tiers };
  }
  let changed = false;
  for (const [kind, tiers] of Object.entries(raw as Record<string, unknown>)) {
    if (!perSecond[kind] || typeof tiers !== 'object' || tiers === null) {
      continue;
    }
    for (const [tier, p] of Object.entries(tiers as Record<string, unknown>)) {
      const price = p as Record<string, unknown>;
      if (typeof price?.audioOff !== 'number' || typeof price.audioOn !== 'number') {
        continue;
      }
      perSecond[kind]![tier] = {
        audioOff: price.audioOff,
        audioOn: price.audioOn,
        ...(typeof price.voice === 'number' ? { voice: price.voice } : {}),
      };
      changed = true;
    }
  }
  return changed
    ? ({ currency: 'USD', source: vscode.l10n.t('your klingStudio.prices setting'), perSecond } as PriceTable)
    : DEFAULT_PRICES;
}
