// Finding the takes that still need following: every non-final record below some folders (the
// CLI's resume, a window's activation), or the unfinished take of one request in an output folder
// (a rerun of generate resumes it instead of paying again).
import { isFinal, TakeRecordSchema, type ListOptions, type TakeRecord } from './journal';
import { errorText } from '../../core/error-text';
import { isRefusal } from './record-read';
import { readTakeRecordsBelow } from './records-below';

export interface FoundTake {
  path: string;
  record: TakeRecord;
}

/**
 * Non-final take records below `folders`, by name. Each is read through the boundary, inside
 * `roots` (default: the folders themselves); unreadable or refused files are skipped and told to
 * `onSkip`.
 */
export async function findUnfinished(folders: readonly string[], o: ListOptions = {}): Promise<FoundTake[]> {
  const { records, unreadable } = await readTakeRecordsBelow(folders, o);
  for (const { path, error } of unreadable) o.onSkip?.(path, errorText(error), isRefusal(error));
  return records.filter(t => !isFinal(t.record));
}

/** Unfinished takes of the request `key` among an output folder's takes (`listTakeRecords`), newest first. */
export function unfinishedOf(takes: readonly FoundTake[], key: string): FoundTake[] {
  return takes.filter(t => t.record.requestKey === key && !isFinal(t.record)).reverse();
}

/**
 * The newest take of the request `key` when it stopped before fal replied to its submit (recorded
 * `unknown`, `submit-uncertain`): that job may exist and be paid, so a plain rerun must not pay
 * again until the user says so (`--new`) or a newer take of the same request exists.
 */
export function uncertainLatestOf(takes: readonly FoundTake[], key: string): FoundTake | undefined {
  const uncertain = (t: FoundTake) => t.record.status === 'unknown' && t.record.error?.kind === 'submit-uncertain';
  // By createdAt, not by name: a take made in the same second gets a `-2` name that sorts first.
  // On a tie the other take counts as the newer one (it was made once the user had chosen).
  const latest = takes
    .filter(t => t.record.requestKey === key)
    .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || Number(!uncertain(a)) - Number(!uncertain(b)))
    .at(-1);
  return latest && uncertain(latest) ? latest : undefined;
}

/** A record that fal knows but we lost: rebuilt from the request id, ready for resume. */
export function recoveredRecord(o: { requestId: string; endpointId: string; queueUrl: string; now?: Date }): TakeRecord {
  const at = (o.now ?? new Date()).toISOString();
  const base = `${o.queueUrl.replace(/\/+$/, '')}/${appPathOf(o.endpointId)}/requests/${encodeURIComponent(o.requestId)}`;
  return TakeRecordSchema.parse({
    version: 1,
    id: `recovered-${o.requestId}`,
    endpointId: o.endpointId,
    body: {},
    requestId: o.requestId,
    statusUrl: `${base}/status`,
    responseUrl: base,
    cancelUrl: `${base}/cancel`,
    status: 'queued',
    createdAt: at,
    updatedAt: at,
  });
}

/** fal's queue URLs name the app, not the full endpoint: `fal-ai/kling-video/v3/pro/x` → `fal-ai/kling-video`. */
export function appPathOf(endpointId: string): string {
  const parts = endpointId.replace(/^\/+/, '').split('/');
  return ['workflows', 'comfy'].includes(parts[0] ?? '') ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}
