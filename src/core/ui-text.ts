// Text from a file is text. A shot file's name, a prompt, a take record's error, a server's log line
// shown in VS Code's UI must not become a link, an image, an icon or markup, whatever it contains: a
// shot file or a committed take record is written by anyone. This module is the one place that
// escapes it; each kind of UI surface has its own syntax, so each has its own function:
//
//   notificationText  notifications, and a progress notification's title and message
//   markdownText      inside a MarkdownString (hovers, Markdown tooltips): as literal text
//   markdownCode      inside a MarkdownString: as an inline code span
//   labelText         quick pick labels, descriptions and details, status bar text, CodeLens titles
//   htmlText          HTML text and attribute values (the webview shell)
//
// Plain-text surfaces (a string tooltip, a tree item's label, a modal dialog's detail, a quick
// input's title, a webview rendered by lit) need nothing. test/unit/lint/ui-text.test.ts scans
// src/extension for a value that reaches one of the surfaces above without going through here.
// Pure (no vscode, no node): used by core (hovers) and the extension.

/**
 * For a notification or a progress notification: VS Code turns `[text](https:…|command:…|file:…)`
 * in their text into a link (a command link runs the command when clicked), and nothing else.
 * Every `](` is broken by a zero-width space: it reads the same and links nothing.
 */
export function notificationText(s: string): string {
  return s.replace(/\]\(/g, ']\u200b(');
}

/** Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping all of them also defeats autolinks (`https\://`, `www\.`, `a\@b`). */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** One line: line breaks and other control characters would end a paragraph or a code span. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** `s` as literal Markdown text: no image, link, HTML, heading, list or emphasis can come out of it. */
export function markdownText(s: string): string {
  return oneLine(s).replace(PUNCTUATION, c => '\\' + c);
}

/**
 * `s` as an inline code span: literal by definition in CommonMark (no link, image or emphasis is
 * parsed inside), with a fence longer than any run of backticks in `s` so it cannot be closed early.
 */
export function markdownCode(s: string): string {
  const text = oneLine(s);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence; CommonMark strips one.
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text === '' ? ' ' : text}${pad}${fence}`;
}

/** `$(name)` or `$(name~modifier)`, as VS Code's labels read an icon (ThemeIcon's name and modifier expressions). */
const ICON = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;

/**
 * For a label that renders `$(name)` as an icon (quick pick items, the status bar, CodeLens titles).
 * VS Code shows `\$(name)` as the literal `$(name)` (renderLabelWithIcons); nothing else is parsed.
 */
export function labelText(s: string): string {
  return s.replace(ICON, '\\$(');
}

/** For HTML text or a quoted attribute value: no tag, entity or attribute can come out of it. */
export function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
