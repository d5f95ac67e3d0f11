// Spend from take records: pure arithmetic over plain objects, so the same numbers come out in the
// CLI, the status bar and the budget check. There is no database: the records are the truth.

/** The fields of a take record the ledger reads; every one but createdAt/status may be missing (old records). */
export interface SpendRecord {
  createdAt: string;
  status: string;
  requestId?: string;
  statusUrl?: string;
  costEstimateUsd?: number;
  /** A simulated take: what it would have cost on fal (see the take record). */
  atFalUsd?: number;
  billedUsd?: number;
  provider?: 'fal' | 'simulator';
  shotFile?: string;
  endpointId?: string;
  cancel?: { outcome: string };
}

/** 'none': never reached fal (failed or aborted before the submit) or removed from fal's queue unrun. */
export type SpendKind = 'fal' | 'simulator' | 'none';

export interface SpendTotal {
  usd: number;
  takes: number;
}

export interface Ledger {
  today: SpendTotal;
  month: SpendTotal;
  /** Everything read (the workspace, or the folders given). */
  workspace: SpendTotal;
  /** Fal takes per shot file (as written in the record; '' when the record names none). */
  byShot: Map<string, SpendTotal>;
  /**
   * Simulator takes: free, listed apart, with what they would have cost on fal (`atFalUsd`, from
   * the estimate each record keeps; `unpriced` of them keep none, as records made before it).
   */
  simulator: SimulatorTotal;
  /** Simulator takes per shot file (keyed as byShot), so a sequence can list its free takes apart. */
  simulatorByShot: Map<string, number>;
  /** What the simulator takes of each shot file would have cost on fal (keyed as byShot). */
  simulatorAtFalByShot: Map<string, number>;
  /** Fal takes with neither a billed amount nor an estimate (counted as $0). */
  unpriced: number;
}

export interface SimulatorTotal {
  takes: number;
  /** At fal's prices: what the takes would have cost there. Never part of a spend total or a budget. */
  atFalUsd: number;
  /** Takes whose record keeps no fal price. */
  unpriced: number;
}

export interface LedgerPeriods {
  /** Epoch ms where "today" and "this month" begin (see `periodStarts`). */
  todayStart: number;
  monthStart: number;
  /** Takes created before this are left out of every total (CLI `--since`). */
  since?: number;
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//i;

/**
 * Records written before the `provider` field are told apart by where they were sent: the
 * simulator only ever listens on loopback.
 */
export function isSimulated(r: SpendRecord): boolean {
  if (r.provider !== undefined) return r.provider === 'simulator';
  return r.statusUrl !== undefined && LOOPBACK.test(r.statusUrl);
}

/**
 * Whether a take may have been paid for. It counts once fal may have it: a request id, a submit
 * whose answer was lost ('unknown'), or a submit in flight ('submitting'). A take that failed or
 * was aborted before its submit costs nothing, and so does one fal removed from its queue unrun.
 */
export function spendKind(r: SpendRecord): SpendKind {
  const held = r.status === 'unknown' || r.status === 'submitting' || r.status === 'reserved';
  if (isSimulated(r)) return r.requestId !== undefined || held ? 'simulator' : 'none';
  if (r.status === 'cancelled' && r.cancel?.outcome === 'cancelled') return 'none';
  if (r.requestId !== undefined) return 'fal';
  // A reservation holds its price until it becomes the take's cost or is released.
  return held ? 'fal' : 'none';
}

/** What a fal take cost: the billed amount when fal reported one, else the estimate made at submit. */
export function takeCostUsd(r: SpendRecord): number | undefined {
  return r.billedUsd ?? r.costEstimateUsd;
}

/** Local midnight of today and of the 1st of this month, in the machine's time zone. */
export function periodStarts(now: Date): { todayStart: number; monthStart: number } {
  return {
    todayStart: new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime(),
    monthStart: new Date(now.getFullYear(), now.getMonth(), 1).getTime(),
  };
}

/** Sums in integer micro-dollars so 10,000 additions do not drift. */
export const MICRO = 1_000_000;
export const toMicro = (usd: number) => Math.round(usd * MICRO);

export function computeLedger(records: Iterable<SpendRecord>, periods: LedgerPeriods): Ledger {
  let today = 0,
    todayN = 0,
    month = 0,
    monthN = 0,
    all = 0,
    allN = 0,
    sim = 0,
    simAtFal = 0,
    simUnpriced = 0,
    unpriced = 0;
  const shots = new Map<string, { micro: number; takes: number }>();
  const simShots = new Map<string, number>();
  const simAtFalShots = new Map<string, number>();
  for (const r of records) {
    const kind = spendKind(r);
    if (kind === 'none') continue;
    const at = Date.parse(r.createdAt);
    if (periods.since !== undefined && !(at >= periods.since)) continue;
    if (kind === 'simulator') {
      sim++;
      const key = r.shotFile ?? '';
      simShots.set(key, (simShots.get(key) ?? 0) + 1);
      const atFal = r.atFalUsd !== undefined && Number.isFinite(r.atFalUsd) && r.atFalUsd > 0 ? toMicro(r.atFalUsd) : 0;
      if (r.atFalUsd === undefined || !Number.isFinite(r.atFalUsd)) simUnpriced++;
      simAtFal += atFal;
      simAtFalShots.set(key, (simAtFalShots.get(key) ?? 0) + atFal);
      continue;
    }
    const cost = takeCostUsd(r);
    if (cost === undefined || !Number.isFinite(cost)) unpriced++;
    const micro = cost !== undefined && Number.isFinite(cost) && cost > 0 ? toMicro(cost) : 0;
    all += micro;
    allN++;
    if (at >= periods.monthStart) {
      month += micro;
      monthN++;
    }
    if (at >= periods.todayStart) {
      today += micro;
      todayN++;
    }
    const key = r.shotFile ?? '';
    const s = shots.get(key);
    if (s) {
      s.micro += micro;
      s.takes++;
    } else shots.set(key, { micro, takes: 1 });
  }
  const total = (micro: number, takes: number): SpendTotal => ({ usd: micro / MICRO, takes });
  return {
    today: total(today, todayN),
    month: total(month, monthN),
    workspace: total(all, allN),
    byShot: new Map([...shots].map(([k, v]) => [k, total(v.micro, v.takes)])),
    simulator: { takes: sim, atFalUsd: simAtFal / MICRO, unpriced: simUnpriced },
    simulatorByShot: simShots,
    simulatorAtFalByShot: new Map([...simAtFalShots].map(([k, v]) => [k, v / MICRO])),
    unpriced,
  };
}

/** The spend of a set of shots (a sequence's), from a ledger's per-shot totals. */
export function sumShots(ledger: Pick<Ledger, 'byShot'>, shotFiles: Iterable<string>): SpendTotal {
  let micro = 0,
    takes = 0;
  for (const f of new Set(shotFiles)) {
    const s = ledger.byShot.get(f);
    if (!s) continue;
    micro += toMicro(s.usd);
    takes += s.takes;
  }
  return { usd: micro / MICRO, takes };
}
