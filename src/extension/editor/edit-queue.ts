import type { ShotIntent } from '../../core/edit';

export interface QueuedIntent {
  seq: number;
  intent: ShotIntent;
  focus?: (string | number)[];
}

/**
 * Serialises the webview's intents: one WorkspaceEdit at a time, each computed from the document
 * text as it is when its turn comes (never from a stale snapshot). Consecutive `set`s of the same
 * field that are still waiting collapse into the newest one, so a burst of keystrokes costs one
 * edit rather than a backlog.
 */
export class EditQueue {
  private readonly waiting: QueuedIntent[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly apply: (job: QueuedIntent) => Promise<void>,
    private readonly onIdle: () => void,
  ) {}

  get busy(): boolean {
    return this.running || this.waiting.length > 0;
  }

  push(job: QueuedIntent): void {
    const last = this.waiting[this.waiting.length - 1];
    if (last && last.intent.kind === 'set' && job.intent.kind === 'set' && samePath(last.intent.path, job.intent.path)) {
      this.waiting[this.waiting.length - 1] = job;
    } else {
      this.waiting.push(job);
    }
    void this.pump();
  }

  /** Resolves once every intent queued so far has been applied. */
  whenIdle(): Promise<void> {
    return this.busy ? new Promise(r => this.idleWaiters.push(r)) : Promise.resolve();
  }

  private async pump(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = true;
    try {
      for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
        await this.apply(job);
      }
    } finally {
      this.running = false;
    }
    this.onIdle();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach(w => w());
  }
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
