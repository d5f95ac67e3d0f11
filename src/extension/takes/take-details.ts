// Pure (no vscode): unit-tested in test/unit/generation. What the take's details list shows: every
// setting of the request as sent, the clip as it landed, and when each step happened.
import * as l10n from '@vscode/l10n';
import { phaseDurations, TIMED_PHASES, type TakeRecord } from '../../takes';
import type { TakeDetails } from '../../shared/takes-messages';

const MAX_VALUE = 400;
/** Shown elsewhere in the details (the prompt line). */
const SHOWN_ABOVE = new Set(['prompt']);

export function takeDetailsOf(r: TakeRecord): TakeDetails {
  const settings = Object.entries(r.body)
    .filter(([k]) => !SHOWN_ABOVE.has(k))
    .map(([key, value]) => ({ key, value: shortValue(value) }));
  const v = r.video;
  const bytes = r.bytes ?? v?.fileSize;
  const clip = [
    v?.durationSeconds !== undefined ? `${Math.round(v.durationSeconds * 100) / 100} s` : '',
    v?.width !== undefined && v.height !== undefined ? `${v.width}×${v.height}` : '',
    bytes !== undefined ? formatBytes(bytes) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const lengths = phaseDurations(r);
  const phases = TIMED_PHASES.flatMap(phase => (lengths[phase] === undefined ? [] : [{ phase, ms: lengths[phase] }]));
  return {
    settings,
    ...(clip && { clip }),
    ...(phases.length && { phases }),
    times: [
      { what: l10n.t('Created'), at: r.createdAt },
      ...(r.submittedAt ? [{ what: l10n.t('Submitted (queued)'), at: r.submittedAt }] : []),
      ...(r.completedAt ? [{ what: l10n.t('Completed'), at: r.completedAt }] : []),
      ...(r.updatedAt !== r.createdAt ? [{ what: l10n.t('Last update'), at: r.updatedAt }] : []),
    ],
  };
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? text.slice(0, MAX_VALUE - 1) + '…' : text;
}

/** `12.4 MB` */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
