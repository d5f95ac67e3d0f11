// Text from a file (a key, a prompt, a request id, an error message) shown inside Markdown — a hover,
// a tree tooltip — must stay text: a shot file or a committed take record must not be able to add an
// image (a remote request the moment it is shown), a link or formatting.

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
