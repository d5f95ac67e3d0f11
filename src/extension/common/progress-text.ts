// Pure (no vscode): unit-tested in test/unit/generation.
import type { TakeStatus } from '../../takes';
import type { Job } from './jobs';
import * as l10n from '@vscode/l10n';

// Words go through @vscode/l10n, which activate() configures with the host's bundle (English here).
const LABEL: Record<TakeStatus, () => string> = {
  reserved: () => l10n.t('Starting'),
  submitting: () => l10n.t('Submitting'),
  queued: () => l10n.t('Queued'),
  running: () => l10n.t('Generating'),
  downloading: () => l10n.t('Downloading'),
  done: () => l10n.t('Done'),
  failed: () => l10n.t('Failed'),
  cancelled: () => l10n.t('Cancelled'),
  unknown: () => l10n.t('Status unknown'),
};

export function statusLabel(s: TakeStatus): string {
  return LABEL[s]();
}

/** The one-line progress message: state, queue position and the latest log line, shortened. */
export function progressMessage(p: {
  status: TakeStatus;
  queuePosition?: number | undefined;
  lastLog?: string | undefined;
  elapsedMs?: number;
}): string {
  const parts = [statusLabel(p.status)];
  if (p.status === 'queued' && p.queuePosition !== undefined) {
    parts[0] = p.queuePosition === 0 ? l10n.t('Queued · next') : l10n.t('Queued · {0} ahead', p.queuePosition);
  }
  if (p.elapsedMs !== undefined) {
    parts.push(formatElapsed(p.elapsedMs));
  }
  if (p.lastLog) {
    parts.push(shorten(p.lastLog, 80));
  }
  return parts.join(' · ');
}

/** A running job's line: "Cancelling…" once a cancel was asked, else its progress; `withLog` adds the latest log line. */
export function jobProgress(
  job: Pick<Job, 'cancelRequested' | 'status' | 'queuePosition' | 'lastLog' | 'startedAt'>,
  withLog = true,
): string {
  return job.cancelRequested
    ? l10n.t('Cancelling…')
    : progressMessage({
        status: job.status,
        queuePosition: job.queuePosition,
        lastLog: withLog ? job.lastLog : undefined,
        elapsedMs: Date.now() - job.startedAt,
      });
}

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function shorten(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1) + '…';
}

/** `just now`, `15 min ago`, `3 h ago`, then the date. */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) {
    return '';
  }
  if (s < 60) {
    return l10n.t('just now');
  }
  if (s < 3600) {
    return l10n.t('{0} min ago', Math.floor(s / 60));
  }
  if (s < 86400) {
    return l10n.t('{0} h ago', Math.floor(s / 3600));
  }
  return new Date(iso).toLocaleDateString();
}
