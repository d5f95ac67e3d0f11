export { isSequenceFile, SequenceEntrySchema, SequenceFileSchema, type SequenceEntry, type SequenceFile } from './schema';
export { analyzeSequence, type AnalyzedEntry, type SequenceAnalysis, type Span } from './analyze';
export { resolveEntryTake, type EntryFacts, type ResolvedTake, type TakeFact, type TakeSource } from './resolve';
export { sequenceFactDiagnostics } from './fact-diagnostics';
export { moveSequenceEntry } from './reorder';
export { appendSequenceEntries, insertSequenceEntryAfter } from './insert';
export { placesOfShot, type SequencePlace } from './places';
