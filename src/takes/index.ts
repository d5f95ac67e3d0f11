// The money path, one copy for every face (the CLI, the extension, agents): the take store (plan,
// journal, lock, claim, resume, selection), the workspace boundary, spend records and the takes of
// a sequence. No `vscode` and no network of its own: the fal client is handed in.
export * from './store';
export { checkInside, mediaOpener, openInside, OutsideRootError, realRoots, type BoundaryCheck } from './boundary';
export { findTakeRecordFiles, readSpendRecords, type SpendRecords } from './spend-records';
export { entryFacts, reportSequence, type ResolvedEntry, type SequenceReport, type SequenceTakeOptions } from './sequence-takes';
