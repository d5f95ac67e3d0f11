// Pure (no vscode): unit-tested in test/unit/generation.

/** `$0.84`, `$12.60`; under a cent shows as `<$0.01` so a tiny price never reads as free. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) {
    return '<$0.01';
  }
  return `$${usd.toFixed(2)}`;
}

export interface CostLine {
  usd: number | undefined;
  seconds?: number;
  perSecond?: number;
  audio?: boolean;
}

export function describeCost(c: CostLine, simulated: boolean): string {
  if (simulated) {
    // Still say what fal would charge: the simulator is where people rehearse before paying.
    return c.usd === undefined ? 'free (simulator)' : `free (simulator) · ≈ ${formatUsd(c.usd)} on fal`;
  }
  if (c.usd === undefined) {
    return 'cost unknown';
  }
  const detail =
    c.seconds !== undefined && c.perSecond !== undefined
      ? ` (${c.seconds} s × ${formatUsd(c.perSecond)}/s${c.audio ? ', audio on' : ''})`
      : '';
  return `${formatUsd(c.usd)}${detail}`;
}

/** Whether to ask before spending: above the threshold, or when the price cannot be known. */
export function needsCostConfirmation(totalUsd: number | undefined, threshold: number): boolean {
  if (totalUsd === undefined) {
    return true;
  }
  return totalUsd > threshold;
}
