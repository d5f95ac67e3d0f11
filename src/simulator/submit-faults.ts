// Submit faults around the reply, for "the client dies right after it submitted" tests: a submit
// can be held (before or after its job is created) until the test releases it, and once the reply
// is written the connection can be cut. `onReplied` fires the moment the reply has left, which is
// when a test kills the client. Held submits whose client went away create nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SubmitFaults {
  /** Hold each submit: 'before-create' (nothing exists yet) or 'after-create' (paid, reply not sent). */
  hold: 'none' | 'before-create' | 'after-create';
  /** After the reply is written: keep the connection (normal) or destroy it. */
  afterReply: 'keep' | 'destroy';
  /** Called with the request id once a reply has been written. */
  onReplied: ((requestId: string) => void) | undefined;
  /** Submits held right now. */
  readonly held: number;
  /** Held submits whose client went away while waiting (they create nothing more and answer nothing). */
  readonly abandoned: number;
  /** Lets every held submit continue (and stops holding new ones). */
  release(): void;
}

export interface SubmitFaultControl extends SubmitFaults {
  /** Waits at the given point while holding is on for it; false when the client went away meanwhile. */
  pass(point: 'before-create' | 'after-create', req: IncomingMessage): Promise<boolean>;
  /** The reply was written: report it and apply `afterReply`. */
  replied(requestId: string, res: ServerResponse): void;
}

export function createSubmitFaults(): SubmitFaultControl {
  let waiting: (() => void)[] = [];
  let abandoned = 0;
  const f: SubmitFaultControl = {
    hold: 'none',
    afterReply: 'keep',
    onReplied: undefined,
    get held() {
      return waiting.length;
    },
    get abandoned() {
      return abandoned;
    },
    release() {
      f.hold = 'none';
      const go = waiting;
      waiting = [];
      go.forEach(g => g());
    },
    async pass(point, req) {
      if (f.hold !== point) return !req.socket.destroyed;
      return new Promise<boolean>(resolve => {
        const go = () => {
          req.socket.off('close', gone);
          resolve(!req.socket.destroyed);
        };
        const gone = () => {
          waiting = waiting.filter(w => w !== go);
          abandoned++;
          resolve(false);
        };
        waiting.push(go);
        req.socket.once('close', gone);
      });
    },
    replied(requestId, res) {
      const after = () => {
        f.onReplied?.(requestId);
        if (f.afterReply === 'destroy') res.socket?.destroy();
      };
      if (res.writableFinished) after();
      else res.once('finish', after);
    },
  };
  return f;
}
