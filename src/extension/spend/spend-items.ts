// Pure (no vscode): the rows of the Generations view's Spend section.
import type { Ledger, SequenceSpend } from '../../core';
import { formatUsd } from '../common/cost-text';
import * as l10n from '@vscode/l10n';

export interface SpendItem {
  id: string;
  label: string;
  description: string;
  /** Per-shot rows: the shot file (absolute), opened on click. */
  shotFile?: string;
  /** Per-sequence rows: the sequence file (absolute), opened on click. */
  sequenceFile?: string;
}

/** Shots shown, most expensive first; the rest are summed in one row. */
const SHOTS_SHOWN = 20;
/** Sequences shown, most expensive first (their shots also appear in the shot rows, so no rest row). */
const SEQUENCES_SHOWN = 10;
const n = (k: number) => (k === 1 ? l10n.t('1 take') : l10n.t('{0} takes', k));
const base = (p: string) => (p.split(/[\\/]/).pop() ?? p).replace(/\.kling\.json$/i, '');
const seqBase = (p: string) => (p.split(/[\\/]/).pop() ?? p).replace(/\.kling-seq\.json$/i, '');

function sequenceDescription(s: SequenceSpend): string {
  const paid = l10n.t('{0} · {1}', formatUsd(s.usd), n(s.takes));
  if (!s.simulatorTakes) return paid;
  // What the cut's simulated takes would cost on fal, so it can be planned offline.
  return s.simulatorAtFalUsd > 0
    ? l10n.t('{0} · {1} simulator at $0.00, at fal prices: {2}', paid, s.simulatorTakes, formatUsd(s.simulatorAtFalUsd))
    : l10n.t('{0} · {1} simulator free', paid, s.simulatorTakes);
}

export function spendItems(l: Ledger, sequences: readonly { file: string; spend: SequenceSpend }[] = []): SpendItem[] {
  const shots = [...l.byShot].sort(([a, x], [b, y]) => y.usd - x.usd || a.localeCompare(b));
  const seqs = [...sequences].sort((a, b) => b.spend.usd - a.spend.usd || a.file.localeCompare(b.file)).slice(0, SEQUENCES_SHOWN);
  const rest = shots.slice(SHOTS_SHOWN);
  return [
    { id: 'today', label: l10n.t('Today'), description: l10n.t('{0} · {1}', formatUsd(l.today.usd), n(l.today.takes)) },
    { id: 'month', label: l10n.t('This month'), description: l10n.t('{0} · {1}', formatUsd(l.month.usd), n(l.month.takes)) },
    { id: 'workspace', label: l10n.t('Workspace'), description: l10n.t('{0} · {1}', formatUsd(l.workspace.usd), n(l.workspace.takes)) },
    ...seqs.map(({ file, spend }) => ({
      id: `sequence:${file}`,
      label: l10n.t('Sequence {0}', seqBase(file)),
      description: sequenceDescription(spend),
      sequenceFile: file,
    })),
    ...shots.slice(0, SHOTS_SHOWN).map(([f, t]) => ({
      id: `shot:${f}`,
      label: f === '' ? l10n.t('(no shot file)') : base(f),
      description: l10n.t('{0} · {1}', formatUsd(t.usd), n(t.takes)),
      ...(f !== '' && { shotFile: f }),
    })),
    ...(rest.length
      ? [
          {
            id: 'other-shots',
            label: rest.length === 1 ? l10n.t('1 more shot') : l10n.t('{0} more shots', rest.length),
            description: formatUsd(rest.reduce((s, [, t]) => s + t.usd, 0)),
          },
        ]
      : []),
    ...(l.simulator.takes
      ? [
          {
            id: 'simulator',
            label: l10n.t('Simulator'),
            description:
              l.simulator.takes > l.simulator.unpriced
                ? l10n.t('{0} · $0.00 · at fal prices: {1}', n(l.simulator.takes), formatUsd(l.simulator.atFalUsd))
                : l10n.t('{0} · free', n(l.simulator.takes)),
          },
        ]
      : []),
  ];
}
