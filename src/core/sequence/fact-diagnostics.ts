// The sequence's problems that only the disk can tell: a shot file that is gone, a pinned take
// that is gone or not done, a shot not generated yet. Facts come in as plain values (one per
// entry, in the order of `analysis.entries`).
import * as l10n from '@vscode/l10n';
import { LineMap } from '../parse';
import { pathAsWritten } from '../path-text';
import type { ShotDiagnostic } from '../types';
import { makeDiagnostic, type SequenceAnalysis } from './analyze';
import { resolveEntryTake, type EntryFacts } from './resolve';

export function sequenceFactDiagnostics(analysis: SequenceAnalysis, facts: readonly EntryFacts[]): ShotDiagnostic[] {
  const lines = new LineMap(analysis.text);
  const out: ShotDiagnostic[] = [];
  analysis.entries.forEach((entry, i) => {
    const f = facts[i];
    if (!f) return;
    const shotPath = entry.take === undefined ? ['shots', entry.index] : ['shots', entry.index, 'shot'];
    const shot = pathAsWritten(entry.shot);
    if (f.refused !== undefined) {
      out.push(makeDiagnostic(lines, 'kling.sequence-not-read', f.refused, shotPath, entry.shotSpan));
      return;
    }
    if (!f.shotExists) {
      out.push(makeDiagnostic(lines, 'kling.sequence-shot-missing', l10n.t('Shot file not found: {0}', shot), shotPath, entry.shotSpan));
      return;
    }
    for (const why of f.refusedTakes ?? []) out.push(makeDiagnostic(lines, 'kling.sequence-not-read', why, shotPath, entry.shotSpan));
    if (entry.take !== undefined && entry.takeSpan && f.pinned) {
      const takePath = ['shots', entry.index, 'take'];
      const take = pathAsWritten(entry.take);
      if (f.pinned.refused !== undefined)
        out.push(makeDiagnostic(lines, 'kling.sequence-not-read', f.pinned.refused, takePath, entry.takeSpan));
      else if (!f.pinned.exists)
        out.push(
          makeDiagnostic(lines, 'kling.sequence-take-missing', l10n.t('Pinned take not found: {0}', take), takePath, entry.takeSpan),
        );
      else if (f.pinned.status !== 'done')
        out.push(
          makeDiagnostic(
            lines,
            'kling.sequence-take-not-done',
            f.pinned.status === undefined
              ? l10n.t('Pinned take {0} is not a readable take record', take)
              : l10n.t('Pinned take {0} is {1}, not done: pin a done take or remove the pin', take, f.pinned.status),
            takePath,
            entry.takeSpan,
          ),
        );
      return;
    }
    if (!resolveEntryTake(f))
      out.push(
        makeDiagnostic(
          lines,
          'kling.sequence-not-generated',
          l10n.t('{0}: not generated yet (no done take)', shot),
          shotPath,
          entry.shotSpan,
        ),
      );
  });
  return out;
}
