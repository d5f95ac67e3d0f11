import { html, nothing } from 'lit';
import { diagItem, type ViewCtx } from './view-context';

/** The summary of all diagnostics: counts, then each one with its position (click to reveal). */
export function diagnosticsSummary(ctx: ViewCtx) {
  const all = ctx.doc.diagnostics;
  const errors = all.filter(d => d.severity === 'error').length;
  const warnings = all.filter(d => d.severity === 'warning').length;
  const label =
    all.length === 0
      ? 'No problems'
      : [
          errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
          warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
          all.length - errors - warnings ? `${all.length - errors - warnings} note${all.length - errors - warnings === 1 ? '' : 's'}` : '',
        ]
          .filter(Boolean)
          .join(', ');
  return html`<section class="summary" aria-label="Problems">
    <h2 class=${`summary-title ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'ok'}`}>
      ${label}${ctx.doc.mediaChecked ? nothing : html` <span class="muted">(checking media…)</span>`}
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
