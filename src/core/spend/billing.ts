// What fal says a take cost. fal reports billable units with the result (`x-fal-billable-units`);
// Kling video bills per second of output, so the amount is units × the per-second price the
// estimate used. A large gap between the two means the request was not billed as estimated:
// the price table or the unit may be stale.
import * as l10n from '@vscode/l10n';

/** Beyond this fraction of the estimate, the billed amount is called out. */
export const BILLING_TOLERANCE = 0.1;

/** More billed units than this many times the requested seconds is not a reading: it is garbage. */
export const MAX_UNITS_PER_REQUESTED_SECOND = 10;
/** When the request names no length (motion control), more units than this (an hour of video) is absurd. */
export const MAX_UNITS_WITHOUT_SECONDS = 3600;
/** How much of an unreadable header the take record keeps. */
export const UNREADABLE_HEADER_CHARS = 64;

/** `x-fal-billable-units` read strictly: absent, a number of units, or unreadable (kept, with why). */
export type BillableUnits = { kind: 'absent' } | { kind: 'units'; units: number } | { kind: 'unreadable'; header: string; message: string };

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * `x-fal-billable-units` as a number of units. It must be a plain decimal (no sign, exponent, hex
 * or trailing text), finite, and within MAX_UNITS_PER_REQUESTED_SECOND × the requested seconds
 * (MAX_UNITS_WITHOUT_SECONDS when the request names no length). Anything else is unreadable: the
 * estimate stays the take's cost.
 */
export function parseBillableUnits(v: string | undefined, requestedSeconds?: number): BillableUnits {
  if (v === undefined || v.trim() === '') return { kind: 'absent' };
  const text = v.trim();
  const header = v.length > UNREADABLE_HEADER_CHARS ? `${v.slice(0, UNREADABLE_HEADER_CHARS)}…` : v;
  if (!PLAIN_DECIMAL.test(text))
    return {
      kind: 'unreadable',
      header,
      message: l10n.t(
        "fal's billed amount is unreadable (x-fal-billable-units: {0}): not a plain decimal number. The estimate is kept as the cost.",
        header,
      ),
    };
  const n = Number(text);
  if (!Number.isFinite(n))
    return {
      kind: 'unreadable',
      header,
      message: l10n.t(
        "fal's billed amount is unreadable (x-fal-billable-units: {0}): not a finite number. The estimate is kept as the cost.",
        header,
      ),
    };
  if (requestedSeconds !== undefined && requestedSeconds > 0) {
    const max = MAX_UNITS_PER_REQUESTED_SECOND * requestedSeconds;
    if (n > max)
      return {
        kind: 'unreadable',
        header,
        message: l10n.t(
          "fal's billed amount is unreadable (x-fal-billable-units: {0}): more than {1} units for a {2} s request. The estimate is kept as the cost.",
          header,
          String(max),
          String(requestedSeconds),
        ),
      };
  } else if (n > MAX_UNITS_WITHOUT_SECONDS)
    return {
      kind: 'unreadable',
      header,
      message: l10n.t(
        "fal's billed amount is unreadable (x-fal-billable-units: {0}): more than {1} units for a request of no set length. The estimate is kept as the cost.",
        header,
        String(MAX_UNITS_WITHOUT_SECONDS),
      ),
    };
  return { kind: 'units', units: n };
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
