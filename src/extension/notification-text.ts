// Pure (no vscode): unit-tested in test/unit/generation. VS Code turns `[text](https:…|command:…|file:…)`
// in a notification's message into a link (a command link runs a command when clicked). Text from a
// file — a path, a take record's error — must not become one.

/** `s` with every `](` broken by a zero-width space: it reads the same and links nothing. */
export function notificationText(s: string): string {
  return s.replace(/\]\(/g, ']\u200b(');
}
