// What fal says a take cost. fal reports billable units with the result (`x-fal-billable-units`);
// Kling video bills per second of output, so the amount is units × the per-second price the
// estimate used. A large gap between the two means the request was not billed as estimated:
// the price table or the unit may be stale.
import * as l10n from '@vscode/l10n';

/** Beyond this fraction of the estimate, the billed amount is called out. */
export const BILLING_TOLERANCE = 0.1;

/** `x-fal-billable-units` as a number; undefined when absent or not a non-negative number. */
export function parseBillableUnits(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function billedUsd(billableUnits: number, pricePerUnitUsd: number): number {
  return Math.round(billableUnits * pricePerUnitUsd * 10000) / 10000;
}

/** A sentence for the log and the take when billed and estimated differ by more than the tolerance. */
export function billingNote(estimateUsd: number | undefined, billed: number | undefined): string | undefined {
  if (estimateUsd === undefined || billed === undefined) return undefined;
  if (Math.abs(billed - estimateUsd) <= BILLING_TOLERANCE * estimateUsd) return undefined;
  if (estimateUsd <= 0)
    return l10n.t(
      'fal billed ${0} where ${1} was estimated: the price table may be stale (setting klingStudio.prices).',
      billed.toFixed(2),
      estimateUsd.toFixed(2),
    );
  const pct = `${billed > estimateUsd ? '+' : ''}${Math.round(((billed - estimateUsd) / estimateUsd) * 100)}`;
  return l10n.t(
    'fal billed ${0} where ${1} was estimated ({2}%): the price table may be stale (setting klingStudio.prices).',
    billed.toFixed(2),
    estimateUsd.toFixed(2),
    pct,
  );
}
