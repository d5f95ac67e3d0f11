// What went wrong, as one line of text, from whatever was thrown: a thrown non-Error (a string, a
// rejection value) is shown as it is rather than as "undefined".

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
