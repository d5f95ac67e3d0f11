// The one wait of the test layers (unit, in-host, UI): ask a probe until the state it reads is there.
// Tests wait on state (a file, a status, a DOM element), never on a length of time; the timeout
// only turns a hang into a failure that says what never came, so it is generous on purpose.

export interface WaitOptions {
  /** How long before giving up. Generous: a loaded machine must not fail a sound test. */
  timeoutMs?: number;
  /** The pause between two probes. */
  intervalMs?: number;
  /** What was seen instead (a listing, a screenshot's path), added to the timeout message. */
  explain?: () => string | Promise<string>;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_INTERVAL_MS = 20;

/**
 * Thrown from a probe, ends the wait at once with this error: the state seen can never become the
 * one waited for (the process it waits on has ended, an invariant of the test broke).
 */
export class StopWaiting extends Error {}

/**
 * Resolves to the first value `probe` gives that is not undefined, null or false. A probe that
 * throws is asked again (the state is not there yet), except with `StopWaiting`; on timeout the
 * error names `what` and the probe's last error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) {
        return value;
      }
      lastError = undefined;
    } catch (e) {
      if (e instanceof StopWaiting) {
        throw e;
      }
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const last = lastError === undefined ? '' : `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      const explain = opts.explain;
      const seen = explain
        ? `; ${await Promise.resolve()
            .then(explain)
            .catch((e: unknown) => `(explain failed: ${String(e)})`)}`
        : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}${seen}`);
    }
    await new Promise(r => setTimeout(r, opts.intervalMs ?? DEFAULT_INTERVAL_MS));
  }
}
