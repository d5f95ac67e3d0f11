// How a shot file is laid out (line ends, indentation), read from the file itself so that text we
// insert looks like the text around it: CRLF files stay CRLF, tab-indented files stay tabbed.
export interface FormatStyle {
  eol: '\n' | '\r\n';
  insertSpaces: boolean;
  tabSize: number;
}

export function detectFormatStyle(text: string): FormatStyle {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const eol = crlf >= 0 && crlf + 1 === lf ? '\r\n' : '\n';
  // The first indented line that starts a key or value tells the indentation unit.
  const m = /\n([ \t]+)["{[\]}\d\-tfn]/.exec(text);
  if (m) {
    const indent = m[1]!;
    if (indent.startsWith('\t')) return { eol, insertSpaces: false, tabSize: 4 };
    return { eol, insertSpaces: true, tabSize: Math.max(1, Math.min(8, indent.length)) };
  }
  return { eol, insertSpaces: true, tabSize: 2 };
}
