// Pure (no vscode): unit-tested in test/unit/generation.
// The key it remembers is the take session's request key (endpoint + body, each local media path
// standing for the content hash of its file), which is also written into the take record.

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
