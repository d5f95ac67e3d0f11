// The disk half of a sequence: for each entry, whether its shot file exists, its pinned take's
// record, its selected take and all its takes. Core decides from these facts; nothing here decides.
import { dirname, resolve } from 'node:path';
import {
  analyzeSequence,
  resolveEntryTake,
  sequenceFactDiagnostics,
  type AnalyzedEntry,
  type EntryFacts,
  type ResolvedTake,
  type SequenceAnalysis,
  type ShotDiagnostic,
  type TakeFact,
} from '../core';
import { readableInside, ReadRefusedError, realRoots } from './boundary';
import { clipPathForRecord, outputDirFor, readTakeRecord, takesOfShot, type TakeRecord } from './store';

export interface SequenceTakeOptions {
  /** Where a shot's takes live; default `renders/` beside the shot file (outputDirFor). */
  outputDirOf?: (shotPath: string) => string;
  /**
   * Where every shot, pinned take and take record must really be, after symlinks: the workspace
   * folders, the project root. Default: the sequence file's folder. An entry outside is not read.
   */
  roots?: readonly string[] | undefined;
}

export interface ResolvedEntry {
  entry: AnalyzedEntry;
  /** Absolute shot file path. */
  shotPath: string;
  facts: EntryFacts;
  resolved: ResolvedTake | undefined;
}

export interface SequenceReport {
  analysis: SequenceAnalysis;
  entries: ResolvedEntry[];
  /** Shape problems and disk facts, in source order. */
  diagnostics: ShotDiagnostic[];
}

const defaultOutputDir = (shotPath: string) => outputDirFor(shotPath, undefined);

function factOf(path: string, record: TakeRecord): TakeFact {
  const durationSeconds = record.video?.durationSeconds;
  return {
    path,
    status: record.status,
    createdAt: record.createdAt,
    clipPath: record.clipPath ?? clipPathForRecord(path),
    ...(durationSeconds !== undefined && { durationSeconds }),
  };
}

async function pinnedFact(path: string, shown: string, roots: readonly string[]): Promise<EntryFacts['pinned']> {
  try {
    return { ...factOf(path, await readTakeRecord(path, { roots })), exists: true };
  } catch (e) {
    if (!(e instanceof ReadRefusedError)) return { path, status: undefined, exists: true }; // read, but no take record
    if (e.problem === 'missing') return { path, status: undefined, exists: false };
    // Refused by the boundary: named as the sequence writes it.
    const again = await readableInside(path, roots, { kind: 'take record', shown });
    return { path, status: undefined, exists: true, refused: again.ok ? e.message : again.error.message };
  }
}

/** The disk facts of one entry; `roots` default to the sequence file's folder (see SequenceTakeOptions). */
export async function entryFacts(sequencePath: string, entry: AnalyzedEntry, options: SequenceTakeOptions = {}): Promise<ResolvedEntry> {
  const base = dirname(resolve(sequencePath));
  const roots = await realRoots(options.roots ?? [base]);
  return entryFactsUnder(base, entry, roots, options);
}

async function entryFactsUnder(
  base: string,
  entry: AnalyzedEntry,
  roots: readonly string[],
  options: SequenceTakeOptions,
): Promise<ResolvedEntry> {
  const shotPath = resolve(base, entry.shot);
  const shot = await readableInside(shotPath, roots, { kind: 'shot file', shown: entry.shot });
  const facts: EntryFacts = { shotExists: shot.ok, takes: [] };
  if (!shot.ok) {
    if (!shot.missing) facts.refused = shot.error.message;
    return { entry, shotPath, facts, resolved: undefined };
  }
  if (entry.take !== undefined) facts.pinned = await pinnedFact(resolve(base, entry.take), entry.take, roots);
  const refusedTakes: string[] = [];
  const takes = await takesOfShot((options.outputDirOf ?? defaultOutputDir)(shotPath), shotPath, {
    roots,
    onSkip: (_path, reason, refused) => void (refused && refusedTakes.push(reason)),
  }).catch(() => []);
  if (refusedTakes.length) facts.refusedTakes = refusedTakes;
  facts.takes = takes.map(t => factOf(t.path, t.record));
  const selected = takes.find(t => t.selected);
  if (selected) facts.selected = factOf(selected.path, selected.record);
  return { entry, shotPath, facts, resolved: resolveEntryTake(facts) };
}

/** Analyses a sequence's text as the file at `sequencePath` and gathers every entry's facts. */
export async function reportSequence(sequencePath: string, text: string, options: SequenceTakeOptions = {}): Promise<SequenceReport> {
  const analysis = analyzeSequence(text);
  const base = dirname(resolve(sequencePath));
  const roots = await realRoots(options.roots ?? [base]);
  const entries = await Promise.all(analysis.entries.map(e => entryFactsUnder(base, e, roots, options)));
  const diagnostics = [
    ...analysis.diagnostics,
    ...sequenceFactDiagnostics(
      analysis,
      entries.map(e => e.facts),
    ),
  ].sort((a, b) => a.offset - b.offset);
  return { analysis, entries, diagnostics };
}
