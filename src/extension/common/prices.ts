import * as vscode from 'vscode';
import { DEFAULT_PRICES, type PriceTable, type TierPrice } from '../../core';
import { getSetting } from '../settings/settings';

/**
 * `klingStudio.prices` overrides DEFAULT_PRICES per endpoint kind and tier (fal changes prices;
 * the defaults are fal's published later-2026 figures). Malformed entries and unknown kinds are ignored.
 */
export function configuredPrices(): PriceTable {
  const perSecond: Record<string, Record<string, TierPrice>> = {};
  for (const [kind, tiers] of Object.entries(DEFAULT_PRICES.perSecond)) {
    perSecond[kind] = { ...tiers };
  }
  let changed = false;
  for (const [kind, tiers] of Object.entries(getSetting('prices'))) {
    // Own keys only: a kind named `__proto__` must not reach Object.prototype.
    if (!Object.hasOwn(perSecond, kind)) {
      continue;
    }
    Object.assign(perSecond[kind]!, tiers);
    changed = true;
  }
  return changed
    ? ({ currency: 'USD', source: vscode.l10n.t('your klingStudio.prices setting'), perSecond } as PriceTable)
    : DEFAULT_PRICES;
}
