// What a shot file's bytes or text must be before it is parsed: UTF-8 (a BOM is fine), at most
// 5 MB. Anything else gets one clear diagnostic instead of thousands of meaningless ones, and a
// huge file is never parsed (a 27 MB file of unknown keys would otherwise take gigabytes).
import * as l10n from '@vscode/l10n';
import { severityOf, type DiagnosticCode } from './codes';
import type { ShotDiagnostic } from './types';

export const MAX_SHOT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DIAGNOSTICS = 200;

const MB = 1024 * 1024;

/** One diagnostic about the file as a whole, at its start. */
export function fileDiagnostic(code: DiagnosticCode, message: string): ShotDiagnostic {
  const zero = { line: 0, character: 0 };
  return { severity: severityOf(code), code, message, path: [], range: { start: zero, end: zero }, offset: 0, length: 0 };
}

export function tooLargeDiagnostic(bytes: number): ShotDiagnostic {
  const size = (bytes / MB).toFixed(1);
  return fileDiagnostic(
    'kling.too-large',
    l10n.t('Not a shot file: {0} MB. A shot file is a request body of at most 5 MB; it was not read.', size),
  );
}

function encodingDiagnostic(name: string): ShotDiagnostic {
  return fileDiagnostic(
    'kling.encoding',
    l10n.t('The shot file is {0}, not UTF-8: save it as UTF-8 (VS Code: "Save with Encoding" → UTF-8) and validate again.', name),
  );
}

/** UTF-16 without a BOM: NUL in every other byte of ASCII-range text. */
function utf16Order(b: Uint8Array): 'LE' | 'BE' | undefined {
  const n = Math.min(b.length - (b.length % 2), 1024);
  if (n < 4) return undefined;
  let evenNul = 0,
    oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.1) return 'LE';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.1) return 'BE';
  return undefined;
}

/** Bytes of a shot file → its text, or the one diagnostic that says why it is not a shot file. */
export function decodeShotBytes(b: Uint8Array): { text: string } | { diagnostic: ShotDiagnostic } {
  if (b.length > MAX_SHOT_FILE_BYTES) return { diagnostic: tooLargeDiagnostic(b.length) };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { diagnostic: encodingDiagnostic('UTF-32 BE') };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { diagnostic: encodingDiagnostic('UTF-32 LE') };
  if (b[0] === 0xff && b[1] === 0xfe) return { diagnostic: encodingDiagnostic('UTF-16 LE') };
  if (b[0] === 0xfe && b[1] === 0xff) return { diagnostic: encodingDiagnostic('UTF-16 BE') };
  const order = utf16Order(b);
  if (order) return { diagnostic: encodingDiagnostic(l10n.t('UTF-16 {0} (without a byte order mark)', order)) };
  try {
    // fatal: invalid UTF-8 is an error, not U+FFFD; the decoder drops a UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b) };
  } catch {
    return { diagnostic: encodingDiagnostic(l10n.t('not valid UTF-8 (perhaps Latin-1 or Windows-1252)')) };
  }
}

/** The same limits for text already decoded by an editor. */
export function textProblem(text: string): ShotDiagnostic | undefined {
  // A char is at least one UTF-8 byte, so this never flags a file under the limit.
  if (text.length > MAX_SHOT_FILE_BYTES) return tooLargeDiagnostic(utf8Length(text));
  let nul = 0;
  const n = Math.min(text.length, 1024);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) nul++;
  if (n >= 4 && nul > n * 0.25) return encodingDiagnostic(l10n.t('UTF-16 read as if it were UTF-8 (NUL characters between the letters)'));
  return undefined;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return bytes;
}

/** Plurals as whole sentences, so each can be translated as a sentence. */
function tooManyMessage(more: number, errors: number): string {
  if (more === 1)
    return errors === 1
      ? l10n.t('…and 1 more problem (1 error) not listed: fix the ones above first.')
      : l10n.t('…and 1 more problem ({0} errors) not listed: fix the ones above first.', errors);
  return errors === 1
    ? l10n.t('…and {0} more problems (1 error) not listed: fix the ones above first.', more)
    : l10n.t('…and {0} more problems ({1} errors) not listed: fix the ones above first.', more, errors);
}

/** At most MAX_DIAGNOSTICS, then one that says how many more there are. */
export function capDiagnostics(diagnostics: ShotDiagnostic[], uncounted = 0): ShotDiagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS && uncounted === 0) return diagnostics;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS);
  const more = diagnostics.length - shown.length + uncounted;
  const errors = diagnostics.slice(MAX_DIAGNOSTICS).filter(d => d.severity === 'error').length;
  const last = shown[shown.length - 1]!;
  shown.push({
    severity: severityOf('kling.too-many'),
    code: 'kling.too-many',
    message: tooManyMessage(more, errors),
    path: [],
    range: last.range,
    offset: last.offset,
    length: last.length,
  });
  return shown;
}
