// The words the takes panel says about a take: its status and its time, in the user's language.
import type { TakeView } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';

export function statusText(s: TakeView['status']): string {
  return {
    reserved: l10n.t('Starting'),
    submitting: l10n.t('Submitting'),
    queued: l10n.t('Queued'),
    running: l10n.t('Generating'),
    downloading: l10n.t('Downloading'),
    done: l10n.t('Done'),
    failed: l10n.t('Failed'),
    cancelled: l10n.t('Cancelled'),
    unknown: l10n.t('Unknown outcome'),
  }[s];
}

/** A running take's progress (it changes by the second), else its status. */
export function progressText(t: TakeView): string {
  return t.running ? (t.progress ?? statusText(t.status)) : statusText(t.status);
}

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** `Take #3`, or `Take from <time>` for a take without a number. */
export function takeName(t: TakeView): string {
  return t.number !== undefined ? l10n.t('Take #{0}', t.number) : l10n.t('Take from {0}', when(t.createdAt));
}

/** What the live region says of the take in the player: its status, never the ticking progress. */
export function announcementOf(t: TakeView): string {
  return t.error
    ? l10n.t('{0}: {1}. {2}', takeName(t), statusText(t.status), t.error)
    : l10n.t('{0}: {1}', takeName(t), statusText(t.status));
}
