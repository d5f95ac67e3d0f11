// The money path, one copy for every face (the CLI, the extension, agents): the take store (plan,
// journal, lock, claim, resume, selection), the workspace boundary, spend records and the takes of
// a sequence. No `vscode` and no network of its own: the fal client is handed in.
export * from './store';
export {
  checkInside,
  checkInsideSync,
  folderRefusal,
  statKind,
  MAX_RECORD_BYTES,
  MAX_SELECTION_BYTES,
  MAX_SEQUENCE_BYTES,
  mediaOpener,
  openInside,
  OutsideRootError,
  readableInside,
  readInside,
  readInsideReal,
  readInsideRealSync,
  readInsideSync,
  ReadRefusedError,
  readTextInside,
  realRoots,
  realRootsSync,
  type BoundaryCheck,
  type ReadOptions,
  type ReadProblem,
  type FileKind,
} from './boundary';
export { newShotText, writeNewShot, type NewShotResult } from './new-shot';
export { readShotFile, type ShotFileReadOptions } from './shot-file';
export { NotATakeRecordError, type RecordReadOptions } from './store/record-read';
export { ledgerOf, readLedgerRecords, readSpendRecords, type SpendRecords } from './spend-records';
export { takeClipMeta } from './clip-meta';
export { entryFacts, reportSequence, type ResolvedEntry, type SequenceReport, type SequenceTakeOptions } from './sequence-takes';
export { priceTake, videoSecondsOf, type Provider, type TakePrice } from './price';
export { livePrices, withLive, PRICE_MAX_AGE_MS, PRICE_REFRESH_MS, type LivePrices, type LivePricesOptions } from './price-cache';
export { prepareShot, type LocalMediaFile, type Prepared, type PrepareInput, type PreparedShot } from './prepare';
export { reserveTakes, type BudgetScope, type Reservation, type ReserveResult } from './reserve';
export { LEDGER_LOCK_NAME, LedgerBusyError, withLedgerLocks } from './ledger-lock';
export { claimToFollow, decideTake, uncertainText, type Decision, type DecideOptions } from './claim-policy';
export {
  abandonPlan,
  MAX_TAKES,
  planTakes,
  runTake,
  type Plan,
  type PlanOptions,
  type RunHooks,
  type TakeResult,
  type TakeRun,
  type TakeWork,
} from './session';
export { castFolders, findCast, usesCast, type CastLookupOptions, type ShotCast } from './cast';
export { applyCast, castInUse, memberMediaDiagnostics, type CastApplied } from './cast-shot';
export { knownVoice, rememberVoice, voiceNeedOf, voicesFileOf, CREATE_VOICE, VOICES_FILE, type VoiceNeed } from './cast-voices';
export { prepareVoice, voicesNeeded, voiceFailure } from './cast-voice-takes';
