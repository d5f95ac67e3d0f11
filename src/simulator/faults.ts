// Fault injection for the simulator. Every knob is read per request, so a test can change
// `sim.faults` while jobs are running (e.g. turn drops on after the submits went through).

export type Route = 'submit' | 'status' | 'stream' | 'result' | 'cancel' | 'initiate' | 'upload' | 'file';
export const ALL_ROUTES: readonly Route[] = ['submit', 'status', 'stream', 'result', 'cancel', 'initiate', 'upload', 'file'];

export interface FaultConfig {
  /** Seed of the fault dice, so a failing fault test can be replayed. */
  seed: number;
  /** Probability that a request's connection is destroyed instead of answered. */
  dropRate: number;
  /** Routes drops apply to. Submit is left out by default: a dropped submit is ambiguous to any client. */
  dropRoutes: Route[];
  /**
   * Where a dropped submit dies: 'after-create' (the job exists and is paid, the reply is lost — the
   * case a client must never retry) or 'before-create' (nothing was created).
   */
  submitDropMode: 'after-create' | 'before-create';
  /** Probability of answering with one of `errorStatuses` instead (without creating anything). */
  errorRate: number;
  errorStatuses: number[];
  errorRoutes: Route[];
  /** Seconds sent in `Retry-After` with injected errors; undefined sends none. */
  retryAfterS: number | undefined;
  /** Probability that an SSE status stream is cut (socket destroyed) after its first event. */
  cutStreamRate: number;
  /** Probability that a file download is cut after about half of its bytes. */
  truncateRate: number;
  /** Added latency before answering, on `slowRoutes`. */
  slowMs: number;
  slowRoutes: Route[];
  /** Results vanish the moment the job completes (as if the retention window had passed). */
  expireResults: boolean;
  /**
   * A CDN that redirects: each file GET is answered by this many `302`s, hopping between the CDN
   * origin and the API origin, before the file is served (0: none). More than 5 is a loop to a client.
   */
  fileRedirects: number;
  /**
   * A file server that ignores Range and always cuts at the same byte: every file GET answers
   * `200` with the full Content-Length and closes the connection after this many bytes.
   */
  fileCutAtByte: number | undefined;
  /**
   * A CDN that sends at most this many bytes per answer: a longer answer (even to a GET without
   * Range) becomes a `206` of the first bytes, the file's full size in Content-Range.
   */
  fileRangeCap: number | undefined;
  /** An HTML page instead of the clip: file GETs answer `200 text/html` with a 25-byte page. */
  fileAsHtml: boolean;
  /** Results name the clip without `file_size` (fal may leave it out). */
  omitFileSize: boolean;
  /**
   * Results report `x-fal-billable-units` as the clip's seconds times this (1: billed as asked; 2: a
   * price or unit change the client's table does not know). undefined: no header, as for some endpoints.
   */
  billableUnitsFactor: number | undefined;
  /**
   * Sent as `x-fal-billable-units` on successful results exactly as written, instead of the clip's
   * seconds (e.g. '1e300', '0x10': what a client must not read as an amount). undefined: as above.
   */
  billableUnitsHeader: string | undefined;
  /** Pads result replies with an `x-sim-padding` header this many bytes long (0: none); 100 KB overflows undici. */
  resultHeaderBytes: number;
  /** Requests on these routes are read and never answered (the connection stays open until the simulator closes). */
  hangRoutes: Route[];
  /** Requests on these routes are answered `307` to the very same URL: a redirect loop. */
  redirectRoutes: Route[];
}

export function defaultFaults(): FaultConfig {
  return {
    seed: 1,
    dropRate: 0,
    dropRoutes: ALL_ROUTES.filter(r => r !== 'submit'),
    submitDropMode: 'after-create',
    errorRate: 0,
    errorStatuses: [429, 502, 503, 504],
    errorRoutes: [...ALL_ROUTES],
    retryAfterS: undefined,
    cutStreamRate: 0,
    truncateRate: 0,
    slowMs: 0,
    slowRoutes: [...ALL_ROUTES],
    expireResults: false,
    fileRedirects: 0,
    fileCutAtByte: undefined,
    fileRangeCap: undefined,
    fileAsHtml: false,
    omitFileSize: false,
    billableUnitsFactor: 1,
    billableUnitsHeader: undefined,
    resultHeaderBytes: 0,
    hangRoutes: [],
    redirectRoutes: [],
  };
}

/** mulberry32: tiny seeded PRNG so fault runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultDice {
  private rand: () => number;
  private seed: number;
  constructor(private readonly faults: FaultConfig) {
    this.seed = faults.seed;
    this.rand = seededRandom(faults.seed);
  }
  private roll(p: number): boolean {
    if (this.faults.seed !== this.seed) {
      this.seed = this.faults.seed;
      this.rand = seededRandom(this.seed);
    }
    return p > 0 && this.rand() < p;
  }
  drop(route: Route): boolean {
    return this.faults.dropRoutes.includes(route) && this.roll(this.faults.dropRate);
  }
  error(route: Route): number | undefined {
    if (!this.faults.errorRoutes.includes(route) || !this.roll(this.faults.errorRate)) return undefined;
    const s = this.faults.errorStatuses;
    return s[Math.floor(this.rand() * s.length)] ?? 503;
  }
  cutStream(): boolean {
    return this.roll(this.faults.cutStreamRate);
  }
  truncate(): boolean {
    return this.roll(this.faults.truncateRate);
  }
  /** The named file faults are not dice rolls: they hold for every request while set. */
  get files(): Pick<FaultConfig, 'fileRedirects' | 'fileCutAtByte' | 'fileRangeCap' | 'fileAsHtml' | 'omitFileSize'> {
    return this.faults;
  }
  slowMs(route: Route): number {
    return this.faults.slowRoutes.includes(route) ? this.faults.slowMs : 0;
  }
}
