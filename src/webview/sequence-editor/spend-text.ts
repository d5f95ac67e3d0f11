// The sequence's spend beside its length: "Spent $2.52 on 3 shots · 2 simulator takes free · at fal prices: $1.68".
import * as l10n from '@vscode/l10n';
import type { SequenceSpendView } from '../../shared/sequence-messages';

const usd = (n: number) => (n > 0 && n < 0.005 ? '<$0.01' : `$${n.toFixed(2)}`);

export function sequenceSpendText(s: SequenceSpendView): string {
  const parts = [
    s.shots === 0
      ? l10n.t('Nothing spent on fal yet')
      : s.shots === 1
        ? l10n.t('Spent {0} on 1 shot', usd(s.usd))
        : l10n.t('Spent {0} on {1} shots', usd(s.usd), s.shots),
  ];
  if (s.simulatorTakes === 1) parts.push(l10n.t('1 simulator take free'));
  else if (s.simulatorTakes > 1) parts.push(l10n.t('{0} simulator takes free', s.simulatorTakes));
  // The cut planned offline: what its simulated takes would cost on fal.
  if (s.simulatorTakes > 0 && (s.simulatorAtFalUsd ?? 0) > 0) parts.push(l10n.t('at fal prices: {0}', usd(s.simulatorAtFalUsd!)));
  return parts.join(' · ');
}
