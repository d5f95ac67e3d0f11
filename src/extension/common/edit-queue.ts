import type { ShotIntent } from '../../core/edit';

/** What the queue carries: a shot editor's ShotIntent, or another editor's own intents. */
export interface EditIntent {
  kind: string;
}

export interface QueuedIntent<I extends EditIntent = ShotIntent> {
  seq: number;
  intent: I;
  focus?: (string | number)[];
}

/**
 * How long typing in a prompt may pause before the text goes into the document. Every applied
 * WorkspaceEdit is its own undo step (the API offers no way to merge them), so keystrokes are held
 * until a pause: one undo then removes what was typed since the last pause, not one character.
 */
export const TYPING_PAUSE_MS = 300;

/**
 * Serialises the webview's intents: one WorkspaceEdit at a time, each computed from the document
 * text as it is when its turn comes (never from a stale snapshot). Consecutive `set`s of the same
 * field that are still waiting collapse into the newest one, so a burst of keystrokes costs one
 * edit rather than a backlog.
 */
export class EditQueue<I extends EditIntent = ShotIntent> {
  private readonly waiting: QueuedIntent<I>[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  /** The newest keystroke of a prompt being typed, applied at the next pause or other intent. */
  private held: QueuedIntent<I> | undefined;
  private heldTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly apply: (job: QueuedIntent<I>) => Promise<void>,
    private readonly onIdle: () => void,
    private readonly pauseMs = TYPING_PAUSE_MS,
  ) {}

  get busy(): boolean {
    return this.running || this.waiting.length > 0 || this.held !== undefined;
  }

  push(job: QueuedIntent<I>): void {
    if (this.pauseMs > 0 && isTyping(job.intent)) {
      if (this.held && !(isSet(this.held.intent) && samePath(this.held.intent.path, job.intent.path))) {
        this.release();
      }
      this.held = job;
      clearTimeout(this.heldTimer);
      this.heldTimer = setTimeout(() => this.release(), this.pauseMs);
      return;
    }
    // Anything else goes after the text typed before it.
    this.release();
    this.enqueue(job);
  }

  /** Apply held typing now (the editor closes, or something needs the document as typed). */
  release(): void {
    clearTimeout(this.heldTimer);
    this.heldTimer = undefined;
    const job = this.held;
    this.held = undefined;
    if (job) {
      this.enqueue(job);
    }
  }

  /** Hands over held typing instead of applying it (a save writes it itself). */
  takeHeld(): QueuedIntent<I> | undefined {
    clearTimeout(this.heldTimer);
    this.heldTimer = undefined;
    const job = this.held;
    this.held = undefined;
    return job;
  }

  /** Resolves once every intent queued so far has been applied, held typing included. */
  whenIdle(): Promise<void> {
    this.release();
    return this.busy ? new Promise(r => this.idleWaiters.push(r)) : Promise.resolve();
  }

  private enqueue(job: QueuedIntent<I>): void {
    const last = this.waiting[this.waiting.length - 1];
    if (last && isSet(last.intent) && isSet(job.intent) && samePath(last.intent.path, job.intent.path)) {
      this.waiting[this.waiting.length - 1] = job;
    } else {
      this.waiting.push(job);
    }
    void this.pump();
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
    if (this.held) {
      // Still typing: the webview shows its own text meanwhile; idle comes after the pause.
      return;
    }
    this.onIdle();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach(w => w());
  }
}

/** Text typed into a prompt (`prompt`, `negative_prompt`, a shot's `prompt`). */
function isTyping(intent: EditIntent): intent is Extract<ShotIntent, { kind: 'set' }> {
  if (!isSet(intent) || typeof intent.value !== 'string') {
    return false;
  }
  const last = intent.path[intent.path.length - 1];
  return typeof last === 'string' && last.endsWith('prompt');
}

function isSet(intent: EditIntent): intent is Extract<ShotIntent, { kind: 'set' }> {
  return intent.kind === 'set' && Array.isArray((intent as { path?: unknown }).path);
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
