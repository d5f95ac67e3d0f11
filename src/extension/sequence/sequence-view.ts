// Pure (no vscode): unit-tested in test/unit/editor. What the sequence editor's webview is sent for
// one version of the file: a card per entry with its resolved take, and the file's own problems.
import { basename } from 'node:path';
import type { ResolvedEntry, SequenceReport } from '../../takes/sequence-takes';
import { sequenceSpend, type Ledger } from '../../core';
import type { EntryView, SequenceDocMessage } from '../../shared/sequence-messages';

export interface ClipAccess {
  src?: string;
  problem?: string;
}

export interface SequenceViewInput {
  version: number;
  fileName: string;
  readOnly: boolean;
  /** What the webview may load for the clip of a resolved take (undefined: its record names none). */
  clip: (clipPath: string | undefined) => ClipAccess;
  /** Whether a take of this shot (absolute path) is being generated now. */
  generating: (shotPath: string) => boolean;
  /** The workspace's spend (undefined: not summed yet); the sequence's shots are picked from it. */
  ledger?: Pick<Ledger, 'byShot' | 'simulatorByShot' | 'simulatorAtFalByShot'> | undefined;
}

/** The entries "Generate missing" starts: a shot that exists, pins nothing and has no done take. */
export function missingShots(report: SequenceReport, generating: (shotPath: string) => boolean): string[] {
  const shots = report.entries
    .filter(e => !e.resolved && e.facts.shotExists && e.entry.take === undefined && !generating(e.shotPath))
    .map(e => e.shotPath);
  return [...new Set(shots)];
}

export function sequenceView(report: SequenceReport, input: SequenceViewInput): SequenceDocMessage {
  return {
    type: 'sequence',
    version: input.version,
    fileName: input.fileName,
    entries: report.entries.map(e => entryView(report, e, input)),
    fileProblems: report.diagnostics
      .filter(d => !isEntryFact(d.code))
      .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
    missing: missingShots(report, input.generating).length,
    readOnly: input.readOnly,
    ...(input.ledger && {
      spend: sequenceSpend(
        input.ledger,
        report.entries.map(e => e.shotPath),
      ),
    }),
  };
}

/** Diagnostics from the disk facts of one entry; the rest (syntax, shape) belong to the file. */
function isEntryFact(code: string): boolean {
  return code !== 'kling.sequence-shape' && code.startsWith('kling.sequence-');
}

function entryView(report: SequenceReport, e: ResolvedEntry, input: SequenceViewInput): EntryView {
  const view: EntryView = {
    index: e.entry.index,
    shot: e.entry.shot,
    shotName: basename(e.entry.shot),
    generating: e.facts.shotExists && input.generating(e.shotPath),
  };
  if (e.resolved) {
    const take = e.resolved.take;
    const clip = input.clip(take.clipPath);
    view.take = {
      source: e.resolved.source,
      ...(clip.src !== undefined && { clipSrc: clip.src }),
      ...(clip.problem !== undefined && { clipProblem: clip.problem }),
      ...(take.durationSeconds !== undefined && { durationSeconds: take.durationSeconds }),
    };
    return view;
  }
  const d = report.diagnostics.find(x => isEntryFact(x.code) && x.path[0] === 'shots' && x.path[1] === e.entry.index);
  if (d) {
    view.problem = {
      severity: d.severity,
      message: d.message,
      ...(d.code === 'kling.sequence-not-generated' && { notGenerated: true }),
    };
  }
  return view;
}
