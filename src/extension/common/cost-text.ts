// Pure (no vscode): unit-tested in test/unit/generation. Words go through @vscode/l10n, which
// activate() configures with the host's bundle.
import * as l10n from '@vscode/l10n';

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
    return c.usd === undefined ? l10n.t('free (simulator)') : l10n.t('free (simulator) · ≈ {0} on fal', formatUsd(c.usd));
  }
  if (c.usd === undefined) {
    return l10n.t('cost unknown');
  }
  if (c.seconds === undefined || c.perSecond === undefined) {
    return formatUsd(c.usd);
  }
  return c.audio
    ? l10n.t('{0} ({1} s × {2}/s, audio on)', formatUsd(c.usd), c.seconds, formatUsd(c.perSecond))
    : l10n.t('{0} ({1} s × {2}/s)', formatUsd(c.usd), c.seconds, formatUsd(c.perSecond));
}

/** Whether to ask before spending: above the threshold, or when the price cannot be known. */
export function needsCostConfirmation(totalUsd: number | undefined, threshold: number): boolean {
  if (totalUsd === undefined) {
    return true;
  }
  return totalUsd > threshold;
}
