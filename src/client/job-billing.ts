// What fal billed for a take, read from the result's billable units against the estimate's price.
import { billedUsd, billingNote, parseBillableUnits } from '../core/spend/billing';
import type { TakeRecord } from '../core/take/record';
import { requestSeconds } from '../core/request-seconds';
import type { Logger } from './http';

/**
 * What fal billed, in units and USD, and a note (logged) when it is far from the estimate. A header
 * that is not a sane amount is recorded as unreadable (and logged): the estimate stays the cost.
 */
export function billingOf(rec: TakeRecord, header: string | undefined, log: Logger): Partial<TakeRecord> {
  const seconds = requestSeconds(rec.endpointId, rec.body);
  const parsed = parseBillableUnits(header, seconds);
  if (parsed.kind === 'absent') return {};
  if (parsed.kind === 'unreadable') {
    log.warn(`Take ${rec.id}: ${parsed.message}`);
    return { billingUnreadable: { header: parsed.header, message: parsed.message } };
  }
  const units = parsed.units;
  const rate = rec.pricePerSecondUsd ?? (rec.costEstimateUsd !== undefined && seconds ? rec.costEstimateUsd / seconds : undefined);
  const usd = rate === undefined ? undefined : billedUsd(units, rate);
  const note = billingNote(rec.costEstimateUsd, usd);
  if (note) log.warn(`Take ${rec.id}: ${note}`);
  return {
    billableUnits: units,
    ...(usd !== undefined && { billedUsd: usd }),
    ...(note && usd !== undefined && { billingMismatch: { estimateUsd: rec.costEstimateUsd!, billedUsd: usd, message: note } }),
  };
}
