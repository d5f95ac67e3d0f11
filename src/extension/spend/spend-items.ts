// Pure (no vscode): the rows of the Generations view's Spend section.
import type { Ledger } from '../../core';
import { formatUsd } from '../generation/cost-text';

export interface SpendItem {
  id: string;
  label: string;
  description: string;
  /** Per-shot rows: the shot file (absolute), opened on click. */
  shotFile?: string;
}

/** Shots shown, most expensive first; the rest are summed in one row. */
const SHOTS_SHOWN = 20;
const n = (k: number) => `${k} take${k === 1 ? '' : 's'}`;
const base = (p: string) => (p.split(/[\\/]/).pop() ?? p).replace(/\.kling\.json$/i, '');

export function spendItems(l: Ledger): SpendItem[] {
  const shots = [...l.byShot].sort(([a, x], [b, y]) => y.usd - x.usd || a.localeCompare(b));
  const rest = shots.slice(SHOTS_SHOWN);
  return [
    { id: 'today', label: 'Today', description: `${formatUsd(l.today.usd)} · ${n(l.today.takes)}` },
    { id: 'month', label: 'This month', description: `${formatUsd(l.month.usd)} · ${n(l.month.takes)}` },
    { id: 'workspace', label: 'Workspace', description: `${formatUsd(l.workspace.usd)} · ${n(l.workspace.takes)}` },
    ...shots.slice(0, SHOTS_SHOWN).map(([f, t]) => ({
      id: `shot:${f}`,
      label: f === '' ? '(no shot file)' : base(f),
      description: `${formatUsd(t.usd)} · ${n(t.takes)}`,
      ...(f !== '' && { shotFile: f }),
    })),
    ...(rest.length
      ? [
          {
            id: 'other-shots',
            label: `${rest.length} more shots`,
            description: formatUsd(rest.reduce((s, [, t]) => s + t.usd, 0)),
          },
        ]
      : []),
    ...(l.simulator.takes ? [{ id: 'simulator', label: 'Simulator', description: `${n(l.simulator.takes)} · free` }] : []),
  ];
}
