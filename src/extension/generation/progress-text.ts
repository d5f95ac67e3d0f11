// Pure (no vscode): unit-tested in test/unit/generation.
import type { TakeStatus } from '../../client';

const LABEL: Record<TakeStatus, string> = {
  submitting: 'Submitting',
  queued: 'Queued',
  running: 'Generating',
  downloading: 'Downloading',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  unknown: 'Status unknown',
};

export function statusLabel(s: TakeStatus): string {
  return LABEL[s];
}

/** The one-line progress message: state, queue position and the latest log line, shortened. */
export function progressMessage(p: {
  status: TakeStatus;
  queuePosition?: number | undefined;
  lastLog?: string | undefined;
  elapsedMs?: number;
}): string {
  const parts = [LABEL[p.status]];
  if (p.status === 'queued' && p.queuePosition !== undefined) {
    parts[0] = p.queuePosition === 0 ? 'Queued · next' : `Queued · ${p.queuePosition} ahead`;
  }
  if (p.elapsedMs !== undefined) {
    parts.push(formatElapsed(p.elapsedMs));
  }
  if (p.lastLog) {
    parts.push(shorten(p.lastLog, 80));
  }
  return parts.join(' · ');
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
    return 'just now';
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ago`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} h ago`;
  }
  return new Date(iso).toLocaleDateString();
}
