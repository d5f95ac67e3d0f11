import * as vscode from 'vscode';
import { DEFAULT_PRICES, withKindTierPrices, withLivePrices, type PriceTable } from '../../core';
import { currentLivePrices } from './live-prices';
import { getSetting } from '../settings/settings';

/**
 * fal's live prices (live-prices.ts) over DEFAULT_PRICES, and `klingStudio.prices` over both for the
 * V3 endpoints per kind and tier (fal changes prices; the defaults are fal's published later-2026
 * figures). Malformed entries and unknown kinds are ignored.
 */
export function configuredPrices(): PriceTable {
  const base = withLivePrices(DEFAULT_PRICES, currentLivePrices());
  return withKindTierPrices(base, getSetting('prices'), vscode.l10n.t('your klingStudio.prices setting'));
}
