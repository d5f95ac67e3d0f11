// What the CLI says, once, about a take that stopped before fal replied to its submit: the store
// has just recorded it `unknown` (final), so no later run says this again; plain reruns are still
// refused, in a line of their own, until `--new` makes a newer take of the request.
import type { Claim } from '../takes';

export function uncertainTakeText(name: string, c: Extract<Claim, { kind: 'uncertain' }>): string {
  const recorded = c.recorded ? 'it is now recorded as unknown' : `it could not be recorded as unknown (${c.error ?? 'write failed'})`;
  return (
    `${name}: an earlier submit stopped before fal replied, so it may have been paid; ${recorded}. ` +
    'Check your fal dashboard; `kling generate --new` submits a fresh take.'
  );
}
