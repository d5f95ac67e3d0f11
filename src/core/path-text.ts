// A path a file names, shown as it is written in that file: control characters (a NUL, a line
// break, an escape) come out as the JSON escapes that wrote them, so a message can neither lose
// part of the path (a terminal shows a NUL as nothing) nor be rewritten by one.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function pathAsWritten(s: string): string {
  return s.replace(CONTROL, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
