// Typed errors of the client. Every message that leaves the client passes through `redact`, so the
// API key can never surface in an error or a log line, whatever a server echoes back.

export interface DetailItem {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: unknown;
}

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
  readonly detail?: DetailItem[];
  readonly errorType?: string;
  readonly retryable?: boolean;
  constructor(
    kind: ErrorKind,
    message: string,
    extra: { status?: number; detail?: DetailItem[]; errorType?: string; retryable?: boolean; cause?: unknown } = {},
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

  toRecord(): { kind: string; message: string; status?: number; detail?: DetailItem[]; errorType?: string } {
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

/** Builds a redactor that removes every secret seen so far (keys are registered as they are resolved). */
export class Redactor {
  private readonly secrets = new Set<string>();
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      out = out.split(s).join('***');
      // A key may be echoed URL- or JSON-escaped.
      const enc = encodeURIComponent(s);
      if (enc !== s) out = out.split(enc).join('***');
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
