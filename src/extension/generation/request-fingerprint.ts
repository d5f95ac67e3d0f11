// Pure (no vscode): unit-tested in test/unit/generation.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so key order and formatting of the shot file do not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two submits "the same paid request": endpoint + body, with each local media path
 * standing for the content hash of its file (the same path with a new image is a new request).
 */
export function requestFingerprint(endpointId: string, body: unknown, mediaHashes: Record<string, string> = {}): string {
  const h = createHash('sha256');
  h.update(endpointId).update('\0').update(canonicalJson(body)).update('\0').update(canonicalJson(mediaHashes));
  return h.digest('hex');
}

/** Remembers submits for a window and answers "was this submitted recently, and when". */
export class DuplicateGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds since the identical request was submitted, or undefined when outside the window. */
  ageOf(fingerprint: string): number | undefined {
    this.prune();
    const t = this.seen.get(fingerprint);
    return t === undefined ? undefined : this.now() - t;
  }

  record(fingerprint: string): void {
    this.prune();
    this.seen.set(fingerprint, this.now());
  }

  /** A submit that failed before fal saw it is not a duplicate of anything. */
  forget(fingerprint: string): void {
    this.seen.delete(fingerprint);
  }

  private prune(): void {
    const limit = this.now() - this.windowMs;
    for (const [k, t] of this.seen) {
      if (t < limit) {
        this.seen.delete(k);
      }
    }
  }
}
