// The take store: planning a take (unique names), its journal, its lock, and finding what to
// resume. The extension and the CLI both go through here, so their behaviour cannot drift.
export {
  TakeRecordSchema,
  TAKE_STATUSES,
  FINAL_STATUSES,
  isFinal,
  takeStamp,
  takePaths,
  shotBaseName,
  clipPathForRecord,
  writeTakeRecord,
  readTakeRecord,
  listTakeRecords,
  type ListOptions,
  type TakeRecord,
  type TakeStatus,
} from './journal';
export {
  acquireTakeLock,
  lockPathFor,
  removeDeadLockTemps,
  takeLockHeld,
  waitForTakeLock,
  type TakeLock,
  type TakeLockOptions,
} from './take-lock';
export { planTake, type PlannedTake } from './plan';
export { removeOrphanLocks, removeOrphanLocksBelow, removeOrphanLocksIn } from './orphan-locks';
export { claimUnfinished, type Claim, type ClaimOptions } from './claim';
export { releasedByDeath, releasedRecord, RELEASED_KIND } from './released';
export { submitUncertain, SUBMIT_UNCERTAIN_MESSAGE } from '../../core/take/record';
export { canonicalJson, requestKey } from './request-key';
export { TakeJournal, journalLostMessage, recoveryCommand } from './take-journal';
export { appPathOf, findUnfinished, recoveredRecord, uncertainLatestOf, unfinishedOf, type FoundTake } from './unfinished';
export { clearSelection, readSelection, selectionPath, selectTake, type Selection } from './selection';
export { newestFirst, takesOfShot, type ShotTake } from './shot-takes';
export { filesBelow, readTakeRecordsBelow, type RecordsBelow } from './records-below';
export { outputDirFor } from './output-folder';
export { phaseDurations, stampPhase, PhaseAtSchema, TIMED_PHASES, type PhaseAt, type TimedPhase } from '../../core/take/phases';
export { nextTakeNumbers, numbersByShot, takeNumbers } from './take-number';
export { reviewProblem, reviewTake, TakeBusyError, type TakeReview } from './take-review';
