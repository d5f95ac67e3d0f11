// A sequence's spend: what its shots' takes cost, every take of each shot (the ones the cut does
// not use were paid for too). Shot files listed twice count once.
import { dirname, resolve } from 'node:path';
import { analyzeSequence } from '../sequence';
import { MICRO, sumShots, toMicro, type Ledger } from './ledger';

export interface SequenceSpend {
  usd: number;
  /** fal takes of the sequence's shots. */
  takes: number;
  /** Shots with at least one fal take. */
  shots: number;
  /** Simulator takes of the sequence's shots: free, listed apart. */
  simulatorTakes: number;
  /** What those simulator takes would have cost on fal: the cut's price, planned offline. */
  simulatorAtFalUsd: number;
}

/** The shot files a sequence lists, as absolute paths (the form take records name them in). */
export function sequenceShotFiles(sequencePath: string, text: string): string[] {
  const base = dirname(resolve(sequencePath));
  return [...new Set(analyzeSequence(text).entries.map(e => resolve(base, e.shot)))];
}

/** `sumShots` (the fal takes), plus how many shots have any and the free simulator takes apart. */
export function sequenceSpend(
  ledger: Pick<Ledger, 'byShot' | 'simulatorByShot' | 'simulatorAtFalByShot'>,
  shotFiles: Iterable<string>,
): SequenceSpend {
  const files = [...new Set(shotFiles)];
  // In micro-dollars, as the ledger sums, so many shots do not drift.
  const atFalMicro = files.reduce((n, f) => n + toMicro(ledger.simulatorAtFalByShot.get(f) ?? 0), 0);
  return {
    ...sumShots(ledger, files),
    shots: files.filter(f => ledger.byShot.has(f)).length,
    simulatorTakes: files.reduce((n, f) => n + (ledger.simulatorByShot.get(f) ?? 0), 0),
    simulatorAtFalUsd: atFalMicro / MICRO,
  };
}
