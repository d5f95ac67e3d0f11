import { html, nothing } from 'lit';
import { diagItem, type ViewCtx } from './view-context';
import * as l10n from '@vscode/l10n';

/** The summary of all diagnostics: counts, then each one with its position (click to reveal). */
export function diagnosticsSummary(ctx: ViewCtx) {
  const all = ctx.doc.diagnostics;
  const errors = all.filter(d => d.severity === 'error').length;
  const warnings = all.filter(d => d.severity === 'warning').length;
  const notes = all.length - errors - warnings;
  const label =
    all.length === 0
      ? l10n.t('No problems')
      : [
          errors === 0 ? '' : errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors),
          warnings === 0 ? '' : warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings),
          notes === 0 ? '' : notes === 1 ? l10n.t('1 note') : l10n.t('{0} notes', notes),
        ]
          .filter(Boolean)
          .join(l10n.t(', '));
  return html`<section class="summary" aria-label=${l10n.t('Problems')}>
    <h2 class=${`summary-title ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'ok'}`}>
      ${label}${ctx.doc.mediaChecked ? nothing : html` <span class="muted">${l10n.t('(checking media…)')}</span>`}
    </h2>
    ${
      all.length
        ? html`<ul id="diagnostics" class="diagnostics">
            ${all.map(d => diagItem(ctx, d, true))}
          </ul>`
        : html`<ul id="diagnostics" class="diagnostics"></ul>`
    }
  </section>`;
}
