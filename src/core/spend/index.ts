export {
  computeLedger,
  isSimulated,
  periodStarts,
  spendKind,
  sumShots,
  takeCostUsd,
  type Ledger,
  type LedgerPeriods,
  type SpendKind,
  type SpendRecord,
  type SpendTotal,
  type SimulatorTotal,
} from './ledger';
export { checkBudget, normalizeBudget, type BudgetRefusal, type Budgets } from './budget';
export { billedUsd, billingNote, parseBillableUnits, BILLING_TOLERANCE, type BillableUnits } from './billing';
export { sequenceShotFiles, sequenceSpend, type SequenceSpend } from './sequence-spend';
export { folderOf, scopeLedgers, type FolderScope } from './folder-budgets';
