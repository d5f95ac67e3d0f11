// Typed errors of the client. Every message that leaves the client passes through `redact`, so the
// API key can never surface in an error or a log line, whatever a server echoes back.
import type { FalValidationDetail } from '../core/fal-validation';

export type ErrorKind =
  | 'auth' // 401/403, or no key configured
  | 'validation' // 422 with detail[] (or a string detail) from the result or submit call
  | 'model' // the model/infrastructure failed the job (error_type / X-Fal-Error-Type)
  | 'cancelled' // the job was cancelled on the server
  | 'result-expired' // fal no longer holds the result (retention window passed)
  | 'not-found' // the request id is unknown to fal
  | 'submit-uncertain' // the submit may or may not have reached fal: never retried, never resubmitted
  | 'http' // any other non-2xx
  | 'network' // transport failure after retries
  | 'download' // clip download failed verification
  | 'protocol' // a reply that does not match fal's protocol
  | 'timeout' // the client-side watch deadline passed (the job itself may still finish)
  | 'aborted' // the caller aborted
  | 'io'; // local file system

export class FalError extends Error {
  override readonly name = 'FalError';
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly detail?: FalValidationDetail[];
  readonly errorType?: string;
  readonly retryable?: boolean;
  constructor(
    kind: ErrorKind,
    message: string,
    extra: { status?: number; detail?: FalValidationDetail[]; errorType?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.detail !== undefined) this.detail = extra.detail;
    if (extra.errorType !== undefined) this.errorType = extra.errorType;
    if (extra.retryable !== undefined) this.retryable = extra.retryable;
  }

  /**
   * JSON paths into the request body (= the shot file's top-level object) that the 422 points at:
   * `loc: ['body', 'multi_prompt', 1, 'duration']` → `['multi_prompt', 1, 'duration']`.
   */
  fieldPaths(): (string | number)[][] {
    return (this.detail ?? []).map(d => (d.loc[0] === 'body' ? d.loc.slice(1) : d.loc)).filter(p => !(p.length === 1 && p[0] === 'root'));
  }

  toRecord(): { kind: string; message: string; status?: number; detail?: FalValidationDetail[]; errorType?: string } {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.detail !== undefined && { detail: this.detail.map(d => ({ loc: d.loc, msg: d.msg, type: d.type })) }),
      ...(this.errorType !== undefined && { errorType: this.errorType }),
    };
  }
}

export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (e as { name?: string } | undefined)?.name;
  return (
    name === 'AbortError' ||
    (e as { code?: string } | undefined)?.code === 'UND_ERR_ABORTED' ||
    (e instanceof FalError && e.kind === 'aborted')
  );
}

export function abortError(): FalError {
  return new FalError('aborted', 'Aborted by the user');
}

/** A run of this many consecutive characters of a key, anywhere in a text, is masked. */
export const KEY_RUN = 8;

/**
 * The base64 text of `bytes` as it appears inside the encoding of any longer text: at each of the
 * three offsets the bytes can have, without the characters they share with their neighbours. The
 * encoding of any text that contains the bytes contains one of these (standard or base64url).
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let o = 0; o < 3; o++) {
    const enc = Buffer.concat([Buffer.alloc(o), bytes]).toString('base64');
    const core = enc.slice(Math.ceil((o * 4) / 3), Math.floor(((o + bytes.length) * 4) / 3));
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/**
 * Every form a key may be echoed in: as is, URL-encoded, in base64 (standard and base64url, alone
 * or inside the encoding of `Key <key>`, `<id>:<secret>` or anything else), and for fal's
 * `<id>:<secret>` keys each half the same ways.
 */
function keyForms(key: string): { plain: string[]; encoded: string[] } {
  const plain = new Set([key, encodeURIComponent(key)]);
  const encoded = new Set(base64Cores(Buffer.from(key, 'utf8')));
  const colon = key.indexOf(':');
  if (colon > 0 && colon < key.length - 1) {
    for (const half of [key.slice(0, colon), key.slice(colon + 1)]) {
      if (half.length < KEY_RUN) continue;
      plain.add(half);
      plain.add(encodeURIComponent(half));
      for (const c of base64Cores(Buffer.from(half, 'utf8'))) encoded.add(c);
    }
  }
  return { plain: [...plain], encoded: [...encoded] };
}

/**
 * A run of a key's own characters that is only letters and dashes reads as prose ("simulator" in
 * the key "offline-simulator"): masking it would mangle the very records it protects. Such a run is
 * still masked as part of the whole key; a key of random characters has almost no run like it.
 */
const PROSE_RUN = /^[A-Za-z-]+$/;

/**
 * Removes every secret seen so far (keys are registered as they are resolved), in every form a
 * server may echo it (see keyForms), and any run of KEY_RUN or more of its characters inside a
 * longer string: each becomes `***`.
 */
export class Redactor {
  private readonly keys = new Set<string>();
  /** Forms masked wherever they appear whole. */
  private readonly whole = new Set<string>();
  /** Every KEY_RUN-character window of every form: text containing one has part of a key in it. */
  private readonly runs = new Set<string>();
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4 || this.keys.has(secret)) return;
    this.keys.add(secret);
    const { plain, encoded } = keyForms(secret);
    for (const form of plain) this.whole.add(form);
    // A long encoded form is covered by its runs; a short one (a short key's) is matched whole.
    for (const form of encoded) if (form.length >= 6 && form.length < KEY_RUN) this.whole.add(form);
    for (const form of plain)
      for (let i = 0; i + KEY_RUN <= form.length; i++) {
        const run = form.slice(i, i + KEY_RUN);
        if (!PROSE_RUN.test(run)) this.runs.add(run);
      }
    for (const form of encoded) for (let i = 0; i + KEY_RUN <= form.length; i++) this.runs.add(form.slice(i, i + KEY_RUN));
  }
  redact(text: string): string {
    if (this.keys.size === 0 || text.length < 4) return text;
    let mask: Uint8Array | undefined;
    const mark = (from: number, to: number) => (mask ??= new Uint8Array(text.length)).fill(1, from, to);
    for (const s of this.whole) for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) mark(i, i + s.length);
    for (let i = 0; i + KEY_RUN <= text.length; i++) if (this.runs.has(text.slice(i, i + KEY_RUN))) mark(i, i + KEY_RUN);
    if (!mask) return text;
    let out = '';
    for (let i = 0; i < text.length;) {
      if (mask[i]) {
        out += '***';
        while (i < text.length && mask[i]) i++;
      } else {
        const from = i;
        while (i < text.length && !mask[i]) i++;
        out += text.slice(from, i);
      }
    }
    return out;
  }
  /**
   * A copy of a plain value (a take record, a progress report) with every string redacted, keys
   * and nested values included: whatever a server sent (logs, error types, file names) is in it.
   */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map(v => this.redactValue(v)) as T;
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.redact(k)] = this.redactValue(v);
      return out as T;
    }
    return value;
  }
  /** Returns an error whose message, stack, fal fields and cause chain carry no secret. */
  scrub<E>(e: E): E {
    const seen = new Set<unknown>();
    let cur: unknown = e;
    while (cur instanceof Error && !seen.has(cur)) {
      seen.add(cur);
      try {
        cur.message = this.redact(cur.message);
        if (cur.stack) cur.stack = this.redact(cur.stack);
        if (cur instanceof FalError) {
          const f = cur as { -readonly [K in keyof FalError]: FalError[K] };
          if (f.errorType !== undefined) f.errorType = this.redact(f.errorType);
          if (f.detail !== undefined) f.detail = this.redactValue(f.detail);
        }
      } catch {
        /* frozen error objects keep their text */
      }
      cur = (cur as { cause?: unknown }).cause;
    }
    return e;
  }
}
