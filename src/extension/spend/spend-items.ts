// Pure (no vscode): the rows of the Generations view's Spend section.
import type { Ledger } from '../../core';
import { formatUsd } from '../generation/cost-text';
import * as l10n from '@vscode/l10n';

export interface SpendItem {
  id: string;
  label: string;
  description: string;
  /** Per-shot rows: the shot file (absolute), opened on click. */
  shotFile?: string;
}

/** Shots shown, most expensive first; the rest are summed in one row. */
const SHOTS_SHOWN = 20;
const n = (k: number) => (k === 1 ? l10n.t('1 take') : l10n.t('{0} takes', k));
const base = (p: string) => (p.split(/[\\/]/).pop() ?? p).replace(/\.kling\.json$/i, '');

export function spendItems(l: Ledger): SpendItem[] {
  const shots = [...l.byShot].sort(([a, x], [b, y]) => y.usd - x.usd || a.localeCompare(b));
  const rest = shots.slice(SHOTS_SHOWN);
  return [
    { id: 'today', label: l10n.t('Today'), description: l10n.t('{0} · {1}', formatUsd(l.today.usd), n(l.today.takes)) },
    { id: 'month', label: l10n.t('This month'), description: l10n.t('{0} · {1}', formatUsd(l.month.usd), n(l.month.takes)) },
    { id: 'workspace', label: l10n.t('Workspace'), description: l10n.t('{0} · {1}', formatUsd(l.workspace.usd), n(l.workspace.takes)) },
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
      ? [{ id: 'simulator', label: l10n.t('Simulator'), description: l10n.t('{0} · free', n(l.simulator.takes)) }]
      : []),
  ];
}
