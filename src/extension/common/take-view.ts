// Pure (no vscode): unit-tested in test/unit/generation.
import type { TakeRecord } from '../../takes';
import { isSimulated, requestSeconds } from '../../core';
import type { TakeView } from '../../shared/takes-messages';

const MAX_PROMPT = 600;

/** What the takes list shows of a record; clip URIs and audio info are added by the panel. */
export function takeViewOf(r: TakeRecord): Omit<TakeView, 'running'> {
  const b = r.body;
  const shots = Array.isArray(b.multi_prompt) ? (b.multi_prompt as { prompt?: unknown; duration?: unknown }[]) : undefined;
  const prompt =
    typeof b.prompt === 'string'
      ? b.prompt
      : shots
        ? shots
            .map(
              (s, i) =>
                `${i + 1}. ${typeof s?.prompt === 'string' ? s.prompt : ''}${s?.duration !== undefined ? ` (${String(s.duration)} s)` : ''}`,
            )
            .join('  ')
        : '';
  // Motion control follows its reference video, whose length the record does not keep.
  const requested = requestSeconds(r.endpointId, b);
  // Once the clip is verified its own length is what the take is; a length far from the request
  // is shown in the take's message line (the clip is kept: it was paid for).
  const actual = r.video?.durationSeconds;
  const message = r.error?.message ?? r.durationMismatch?.message;
  return {
    id: r.id,
    ...(r.number !== undefined && { number: r.number }),
    ...(r.rating !== undefined && { rating: r.rating }),
    ...(r.note !== undefined && { note: r.note }),
    status: r.status,
    prompt: prompt.length > MAX_PROMPT ? prompt.slice(0, MAX_PROMPT - 1) + '…' : prompt,
    endpoint: r.endpointId.replace(/^fal-ai\/kling-video\//, ''),
    ...(actual !== undefined ? { durationS: Math.round(actual * 100) / 100 } : requested !== undefined && { durationS: requested }),
    ...(typeof b.aspect_ratio === 'string' && { aspect: b.aspect_ratio }),
    ...(r.costEstimateUsd !== undefined && { costUsd: r.costEstimateUsd }),
    ...(r.billedUsd !== undefined && { billedUsd: r.billedUsd }),
    ...(r.billingMismatch && { billingNote: r.billingMismatch.message }),
    ...(isSimulated(r) && { simulated: true, ...(r.atFalUsd !== undefined && { atFalUsd: r.atFalUsd }) }),
    ...(r.requestId !== undefined && { requestId: r.requestId }),
    createdAt: r.createdAt,
    ...(message !== undefined && { error: message }),
  };
}
