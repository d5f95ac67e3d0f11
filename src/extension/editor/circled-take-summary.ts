// Pure (no vscode): unit-tested in test/unit/editor. What the shot editor says about the shot's
// circled take, from the takes the take store lists for the shot.
import { basename } from 'node:path';
import type { ShotTake } from '../../takes';
import type { CircledTakeMessage } from '../../shared/circled-take-messages';
import { takeViewOf } from '../common/take-view';

export function circledTakeSummary(takes: readonly ShotTake[], thumbSrc?: string): CircledTakeMessage {
  const circled = takes.find(t => t.selected);
  if (!circled) {
    return { type: 'circledTake', count: takes.length };
  }
  const view = takeViewOf(circled.record);
  return {
    type: 'circledTake',
    count: takes.length,
    take: {
      id: circled.record.id,
      name: basename(circled.path).replace(/\.take\.json$/i, ''),
      createdAt: circled.record.createdAt,
      status: circled.record.status,
      ...(view.durationS !== undefined && { durationS: view.durationS }),
      ...(thumbSrc !== undefined && { thumbSrc }),
    },
  };
}
