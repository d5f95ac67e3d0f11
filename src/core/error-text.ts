// What went wrong, as one line of text, from whatever was thrown: a thrown non-Error (a string, a
// rejection value) is shown as it is rather than as "undefined".

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whatever was thrown, as an Error, so a caller can hold a failure as a value. */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
