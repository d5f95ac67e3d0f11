// The disk half of a sequence: for each entry, whether its shot file exists, its pinned take's
// record, its selected take and all its takes. Core decides from these facts; nothing here decides.
import { stat } from 'node:fs/promises';
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
import { clipPathForRecord, outputDirFor, readTakeRecord, takesOfShot, type TakeRecord } from './store';

export interface SequenceTakeOptions {
  /** Where a shot's takes live; default `renders/` beside the shot file (outputDirFor). */
  outputDirOf?: (shotPath: string) => string;
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

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function pinnedFact(path: string): Promise<EntryFacts['pinned']> {
  if (!(await isFile(path))) return { path, status: undefined, exists: false };
  const record = await readTakeRecord(path).catch(() => undefined);
  return record ? { ...factOf(path, record), exists: true } : { path, status: undefined, exists: true };
}

export async function entryFacts(sequencePath: string, entry: AnalyzedEntry, options: SequenceTakeOptions = {}): Promise<ResolvedEntry> {
  const base = dirname(resolve(sequencePath));
  const shotPath = resolve(base, entry.shot);
  const shotExists = await isFile(shotPath);
  const facts: EntryFacts = { shotExists, takes: [] };
  if (shotExists) {
    if (entry.take !== undefined) facts.pinned = await pinnedFact(resolve(base, entry.take));
    const takes = await takesOfShot((options.outputDirOf ?? defaultOutputDir)(shotPath), shotPath).catch(() => []);
    facts.takes = takes.map(t => factOf(t.path, t.record));
    const selected = takes.find(t => t.selected);
    if (selected) facts.selected = factOf(selected.path, selected.record);
  }
  return { entry, shotPath, facts, resolved: shotExists ? resolveEntryTake(facts) : undefined };
}

/** Analyses a sequence's text as the file at `sequencePath` and gathers every entry's facts. */
export async function reportSequence(sequencePath: string, text: string, options: SequenceTakeOptions = {}): Promise<SequenceReport> {
  const analysis = analyzeSequence(text);
  const entries = await Promise.all(analysis.entries.map(e => entryFacts(sequencePath, e, options)));
  const diagnostics = [
    ...analysis.diagnostics,
    ...sequenceFactDiagnostics(
      analysis,
      entries.map(e => e.facts),
    ),
  ].sort((a, b) => a.offset - b.offset);
  return { analysis, entries, diagnostics };
}
