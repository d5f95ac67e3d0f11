// The clip's length against the request. A clip far from what was asked is still what the user
// paid for: it is kept, and the difference is recorded and shown rather than treated as a failure.

/** Kling pads or trims by a frame or so; a whole second off is a different clip than the one asked for. */
export const DURATION_TOLERANCE_SECONDS = 1;

const DEFAULT_SECONDS = 5;

/**
 * The length a request asks for: `duration` ("3"…"15", a string on fal), else the sum of the
 * storyboard's shots (each "5" unless given), else fal's default of 5 s. Motion control follows its
 * reference video, so it asks for no length (undefined).
 */
export function requestedSeconds(endpointId: string, body: Record<string, unknown>): number | undefined {
  if (endpointId.includes('motion-control')) return undefined;
  const n = (v: unknown) => (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '' && Number.isFinite(Number(v));
  if (n(body.duration)) return Number(body.duration);
  if (Array.isArray(body.multi_prompt) && body.multi_prompt.length > 0) {
    let sum = 0;
    for (const shot of body.multi_prompt as { duration?: unknown }[]) {
      const d = shot?.duration;
      if (d === undefined || d === null) sum += DEFAULT_SECONDS;
      else if (n(d)) sum += Number(d);
      else return undefined;
    }
    return sum;
  }
  return DEFAULT_SECONDS;
}

export interface DurationMismatch {
  requestedSeconds: number;
  actualSeconds: number;
  message: string;
}

export function durationMismatch(requested: number | undefined, actual: number): DurationMismatch | undefined {
  if (requested === undefined || Math.abs(actual - requested) <= DURATION_TOLERANCE_SECONDS) return undefined;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requestedSeconds: requested,
    actualSeconds: round(actual),
    message: `The clip is ${round(actual)} s long but ${requested} s were requested; it was kept.`,
  };
}
