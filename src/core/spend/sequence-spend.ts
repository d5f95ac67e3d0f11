// A sequence's spend: what its shots' takes cost, every take of each shot (the ones the cut does
// not use were paid for too). Shot files listed twice count once.
import { dirname, resolve } from 'node:path';
import { analyzeSequence } from '../sequence';
import type { Ledger } from './ledger';

export interface SequenceSpend {
  usd: number;
  /** fal takes of the sequence's shots. */
  takes: number;
  /** Shots with at least one fal take. */
  shots: number;
  /** Simulator takes of the sequence's shots: free, listed apart. */
  simulatorTakes: number;
}

/** The shot files a sequence lists, as absolute paths (the form take records name them in). */
export function sequenceShotFiles(sequencePath: string, text: string): string[] {
  const base = dirname(resolve(sequencePath));
  return [...new Set(analyzeSequence(text).entries.map(e => resolve(base, e.shot)))];
}

const MICRO = 1_000_000;

export function sequenceSpend(ledger: Pick<Ledger, 'byShot' | 'simulatorByShot'>, shotFiles: Iterable<string>): SequenceSpend {
  let micro = 0,
    takes = 0,
    shots = 0,
    simulatorTakes = 0;
  for (const f of new Set(shotFiles)) {
    simulatorTakes += ledger.simulatorByShot.get(f) ?? 0;
    const s = ledger.byShot.get(f);
    if (!s) continue;
    micro += Math.round(s.usd * MICRO);
    takes += s.takes;
    shots++;
  }
  return { usd: micro / MICRO, takes, shots, simulatorTakes };
}
