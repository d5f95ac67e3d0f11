// The webview's view of one shot file: the last document the host sent plus the values the user
// typed that the host has not acknowledged yet. It holds no truth of its own: every change leaves as
// an intent, and a document with a higher ackSeq replaces the local values.
import type { CircledTakeMessage } from '../../shared/circled-take-messages';
import type { DocumentMessage, FromWebview, SetupMessage, ShotIntent } from '../../shared/messages';

export type Path = (string | number)[];
export const pathKey = (p: Path) => JSON.stringify(p);

type Post = (msg: FromWebview) => void;

export class ShotStore {
  doc: DocumentMessage | undefined;
  setup: SetupMessage | undefined;
  /** Local values by path, with the seq of the intent that carries them to the host. */
  private readonly pending = new Map<string, { seq: number; value: unknown }>();
  private seq = 0;
  /** Last refusal from the host (e.g. a 7th shot), shown until the next intent. */
  notice: string | undefined;
  /** performance.now() of the last input that is not yet shown with its diagnostics. */
  private inputAt: { seq: number; t: number } | undefined;
  /** Input → document-with-diagnostics-rendered latencies, for the measurement the e2e test prints. */
  readonly latencies: number[] = [];

  constructor(
    private readonly post: Post,
    private readonly changed: () => void,
  ) {}

  receiveSetup(setup: SetupMessage): void {
    this.setup = setup;
    this.changed();
  }

  /** The shot's circled take, as the host last told (it follows the output folder). */
  circled: CircledTakeMessage | undefined;

  receiveCircled(msg: CircledTakeMessage): void {
    this.circled = msg;
    this.changed();
  }

  receive(doc: DocumentMessage): void {
    this.doc = doc;
    for (const [k, p] of this.pending) {
      if (p.seq <= doc.ackSeq) {
        this.pending.delete(k);
      }
    }
    this.changed();
  }

  /** Called after a render: if it showed the answer to the last input, record how long it took. */
  rendered(): void {
    if (this.inputAt && this.doc && this.doc.ackSeq >= this.inputAt.seq) {
      this.latencies.push(performance.now() - this.inputAt.t);
      if (this.latencies.length > 200) {
        this.latencies.shift();
      }
      document.body.dataset.inputLatencies = this.latencies.map(n => n.toFixed(1)).join(',');
      this.inputAt = undefined;
    }
  }

  failed(seq: number, message: string): void {
    for (const [k, p] of this.pending) {
      if (p.seq === seq) {
        this.pending.delete(k);
      }
    }
    this.notice = message;
    this.changed();
  }

  get root(): Record<string, unknown> | undefined {
    const r = this.doc?.root;
    return typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as Record<string, unknown>) : undefined;
  }

  /** The value to show at a path: the user's unacknowledged input, else the document's. */
  value(path: Path): unknown {
    const p = this.pending.get(pathKey(path));
    if (p) {
      return p.value;
    }
    let v: unknown = this.root;
    for (const seg of path) {
      if (v === null || typeof v !== 'object') {
        return undefined;
      }
      v = (v as Record<string | number, unknown>)[seg];
    }
    return v;
  }

  has(path: Path): boolean {
    return this.value(path) !== undefined;
  }

  private nextSeq(): number {
    this.notice = undefined;
    return ++this.seq;
  }

  intent(intent: ShotIntent, focus?: Path): void {
    if (this.doc?.readOnly) {
      return;
    }
    const seq = this.nextSeq();
    this.post({ type: 'intent', seq, intent, ...(focus ? { focus } : {}) });
    this.changed();
  }

  /** A field edit: shown at once, sent as `set` (the host coalesces a burst into one edit). */
  set(path: Path, value: string | number | boolean): void {
    if (this.doc?.readOnly) {
      return;
    }
    const seq = this.nextSeq();
    this.pending.set(pathKey(path), { seq, value });
    this.inputAt = { seq, t: performance.now() };
    this.post({ type: 'intent', seq, intent: { kind: 'set', path, value } });
    this.changed();
  }

  /** Reset to default / remove: the key disappears from the file. */
  remove(path: Path): void {
    if (this.doc?.readOnly) {
      return;
    }
    const seq = this.nextSeq();
    this.pending.set(pathKey(path), { seq, value: undefined });
    this.post({ type: 'intent', seq, intent: { kind: 'remove', path } });
    this.changed();
  }

  pickMedia(kind: 'image' | 'video' | 'audio', path: Path, insertAt?: number, wrap?: 'element'): void {
    if (this.doc?.readOnly) {
      return;
    }
    this.post({
      type: 'pickMedia',
      seq: this.nextSeq(),
      kind,
      target: { path, ...(insertAt === undefined ? {} : { insertAt }) },
      ...(wrap ? { wrap } : {}),
    });
  }

  /** Typing not yet acknowledged goes into the document now rather than at the host's pause. */
  flushTyping(): void {
    if (this.pending.size > 0) {
      this.post({ type: 'flush' });
    }
  }

  send(msg: FromWebview): void {
    this.post(msg);
  }
}
