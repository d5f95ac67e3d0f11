import type { GrabLastFrame, LastFrame, LastFrameFailed, LastFrameFailure } from '../../shared/last-frame-messages';

export class LastFrameError extends Error {
  constructor(
    /** `closed`: the panel went away before it answered. */
    readonly reason: LastFrameFailure | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'LastFrameError';
  }
}

/**
 * The takes panel's decode requests: each asks the webview for one clip's last frame and waits for
 * its answer. `post` must hold a request until the page's script has said `ready` (the webview
 * host's `postWhenReady`): one posted earlier would be lost. Every waiter is rejected when the panel goes.
 */
export class LastFrameRequests {
  private readonly pending = new Map<string, { msg: GrabLastFrame; resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  private next = 1;
  private disposed = false;
  /** The requests of the panel that took over from this one: later requests go there too. */
  private successor: LastFrameRequests | undefined;

  constructor(private readonly post: (m: GrabLastFrame) => void) {}

  /** The PNG bytes the webview decoded from the clip at `src` (a webview URI): its last frame, or its first as a poster. */
  request(src: string, at: 'first' | 'last' = 'last'): Promise<Uint8Array> {
    if (this.successor) return this.successor.request(src, at);
    if (this.disposed) return Promise.reject(new LastFrameError('closed', 'the takes panel was closed'));
    const msg: GrabLastFrame = { type: 'grabLastFrame', requestId: `frame-${this.next++}`, src, ...(at === 'first' && { at }) };
    const answer = new Promise<Uint8Array>((resolve, reject) => this.pending.set(msg.requestId, { msg, resolve, reject }));
    this.post(msg);
    return answer;
  }

  /** An answer from the webview (already checked against its zod schema). Unknown ids are ignored. */
  settle(msg: LastFrame | LastFrameFailed): void {
    const waiter = this.pending.get(msg.requestId);
    if (!waiter) return;
    this.pending.delete(msg.requestId);
    if (msg.type === 'lastFrame') waiter.resolve(new Uint8Array(Buffer.from(msg.png, 'base64')));
    else waiter.reject(new LastFrameError(msg.reason, msg.detail));
  }

  /**
   * A blank panel's page was replaced by a new panel's (see TakesPanels.replace): what it still waits
   * for is asked again there, and so is anything asked of this one later.
   */
  handOver(to: LastFrameRequests): void {
    this.successor = to;
    for (const w of this.pending.values()) to.request(w.msg.src, w.msg.at ?? 'last').then(w.resolve, w.reject);
    this.pending.clear();
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.pending.values()) w.reject(new LastFrameError('closed', 'the takes panel was closed'));
    this.pending.clear();
  }
}
