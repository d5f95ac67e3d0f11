// "queued 4 s · running 1 min 2 s · downloading 1 s": how long a take spent in each phase.
import type { TakeDetails } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';

export function phaseLine(phases: TakeDetails['phases']): string | undefined {
  if (!phases?.length) {
    return undefined;
  }
  return phases
    .map(p => {
      const d = duration(p.ms);
      return p.phase === 'queued'
        ? l10n.t('queued {0}', d)
        : p.phase === 'running'
          ? l10n.t('running {0}', d)
          : l10n.t('downloading {0}', d);
    })
    .join(' · ');
}

/** `0.4 s`, `4 s`, `1 min 2 s`, `1 h 3 min`. */
export function duration(ms: number): string {
  if (ms < 10_000) {
    const s = Math.round(ms / 100) / 10;
    return l10n.t('{0} s', Number.isInteger(s) ? s : s.toFixed(1));
  }
  const total = Math.round(ms / 1000);
  if (total < 60) {
    return l10n.t('{0} s', total);
  }
  if (total < 3600) {
    return l10n.t('{0} min {1} s', Math.floor(total / 60), total % 60);
  }
  return l10n.t('{0} h {1} min', Math.floor(total / 3600), Math.floor((total % 3600) / 60));
}
