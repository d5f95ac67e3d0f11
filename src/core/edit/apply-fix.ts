// A quick fix as a shot editor intent: the page names the diagnostic (code and path) and the fix
// (its title), and the fix is found again in the document as it is now, from the same source as the
// text editor's code actions (fixes.ts), so the two editors can never offer different fixes.
import * as l10n from '@vscode/l10n';
import { applyEdits } from 'jsonc-parser';
import { analyzeShot } from '../diagnostics';
import { quickFixes } from '../fixes';
import type { JsonPath } from '../types';
import { EditError } from './json-ops';

export interface FixTarget {
  code: string;
  path: JsonPath;
  title: string;
}

const samePath = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((s, i) => s === b[i]);

/** The text with the fix applied; an EditError when the problem or that fix is gone (the file changed meanwhile). */
export function fixedText(text: string, target: FixTarget): string {
  for (const d of analyzeShot(text).diagnostics) {
    if (d.code !== target.code || !samePath(d.path, target.path)) continue;
    const fix = quickFixes(text, d).find(f => f.title === target.title);
    if (fix) return applyEdits(text, fix.edits);
  }
  throw new EditError(l10n.t('That fix no longer applies: the file changed. The problems list shows what is left.'));
}
