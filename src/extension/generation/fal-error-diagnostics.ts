// Pure (no vscode): unit-tested in test/unit/generation.
import { rangeOfFalLoc, type FalValidationDetail, type ShotDiagnostic } from '../../core';
import * as l10n from '@vscode/l10n';

/**
 * fal's 422 `detail[]` as diagnostics on the shot file. The body sent has the shot file's shape
 * (uploads only swapped URL strings), so a `loc` names the same key in the source.
 */
export function falErrorDiagnostics(text: string, detail: readonly FalValidationDetail[]): ShotDiagnostic[] {
  const out: ShotDiagnostic[] = [];
  for (const d of detail) {
    const span = rangeOfFalLoc(text, d.loc);
    if (!span) {
      continue;
    }
    const where = d.loc.filter(x => x !== 'body').join('.');
    out.push({
      severity: 'error',
      code: `kling.fal-${d.type.replace(/[^a-z0-9_.-]/gi, '_')}`,
      message: where ? l10n.t('fal rejected the request at {0}: {1}', where, d.msg) : l10n.t('fal rejected the request: {0}', d.msg),
      path: d.loc[0] === 'body' ? d.loc.slice(1) : [...d.loc],
      range: span.range,
      offset: span.offset,
      length: span.length,
    });
  }
  return out;
}
