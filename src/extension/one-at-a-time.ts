/**
 * Runs a read-and-send one at a time. A call while it runs asks for one more run after it, so a
 * burst of events (file events, progress, typing) makes one read at a time, always of the newest
 * state, and the last event is never left unread.
 */
export class OneAtATime {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
    /** True once the owner is disposed: no further run starts. */
    private readonly stopped: () => boolean,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.work();
        } catch (e) {
          this.onError(e);
        }
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** From inside `work`: what it read is already stale, so run once more. */
  runAgain(): void {
    this.again = true;
  }
}
