// Where a shot stands in a sequence and which shot follows it. The caller says which entries name
// the shot (paths are resolved on its side); the next entry is the next well-formed one.
import type { AnalyzedEntry, SequenceAnalysis } from './analyze';

export interface SequencePlace {
  /** The shot's entry. */
  entry: AnalyzedEntry;
  /** The entry after it, if any. */
  next?: AnalyzedEntry;
}

export function placesOfShot(analysis: SequenceAnalysis, isShot: (relativePath: string) => boolean): SequencePlace[] {
  const out: SequencePlace[] = [];
  analysis.entries.forEach((entry, k) => {
    if (!isShot(entry.shot)) return;
    const next = analysis.entries[k + 1];
    out.push(next ? { entry, next } : { entry });
  });
  return out;
}
