// The clip's length against the request's (core's requestSeconds). A clip far from what was asked
// is still what the user paid for: it is kept, and the difference is recorded and shown rather
// than treated as a failure.

/** Kling pads or trims by a frame or so; a whole second off is a different clip than the one asked for. */
export const DURATION_TOLERANCE_SECONDS = 1;

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
