import * as vscode from 'vscode';
import { DEFAULT_PRICES, withKindTierPrices, type PriceTable } from '../../core';
import { getSetting } from '../settings/settings';

/**
 * `klingStudio.prices` overrides DEFAULT_PRICES of the V3 endpoints per kind and tier (fal changes
 * prices; the defaults are fal's published later-2026 figures). Malformed entries and unknown kinds are ignored.
 */
export function configuredPrices(): PriceTable {
  return withKindTierPrices(DEFAULT_PRICES, getSetting('prices'), vscode.l10n.t('your klingStudio.prices setting'));
}
