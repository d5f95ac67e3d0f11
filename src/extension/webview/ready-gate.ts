/**
 * Holds what must reach a page's script until the script has said `ready`: a message posted
 * earlier can arrive before the script listens, and a request (unlike a state, which the page is
 * sent again on `ready`) would then never be answered. Pure, so it is unit-tested without VS Code.
 */
export class ReadyGate<T> {
  private ready = false;
  private readonly queued: T[] = [];

  constructor(private readonly send: (msg: T) => void) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** The page's script is listening: what waited goes out, in order. */
  markReady(): void {
    this.ready = true;
    for (const m of this.queued.splice(0)) {
      this.send(m);
    }
  }

  /** A new page is loading (the html was written again): it has not said `ready` yet. */
  reset(): void {
    this.ready = false;
  }

  post(msg: T): void {
    if (this.ready) {
      this.send(msg);
    } else {
      this.queued.push(msg);
    }
  }

  /** Nothing waiting is sent any more (the page went away). */
  clear(): void {
    this.queued.length = 0;
  }
}
