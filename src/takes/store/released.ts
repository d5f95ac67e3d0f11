// A reservation that never reached fal, released: final and costing nothing, saying why. The
// reservation (src/takes/reserve.ts) and the claim of a dead process's take both release this way.
import * as l10n from '@vscode/l10n';
import type { TakeRecord } from './journal';

export const RELEASED_KIND = 'released';

export function releasedRecord(rec: TakeRecord, why: string, now: Date = new Date()): TakeRecord {
  return { ...rec, status: 'failed', updatedAt: now.toISOString(), error: { kind: RELEASED_KIND, message: why } };
}

export const releasedByDeath = () =>
  l10n.t('Reserved, but its process stopped before the submit: nothing was sent and nothing was paid. The reservation was released.');
