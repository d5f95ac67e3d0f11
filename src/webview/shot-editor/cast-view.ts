// The shot's cast: a chip per member its "cast" lists (each removable), and "Add Members from the
// Cast…", which the host answers with a pick of the members its cast files define.
import { html, nothing, type TemplateResult } from 'lit';
import * as l10n from '@vscode/l10n';
import { inlineDiags, type ViewCtx } from './view-context';

export function castSection(ctx: ViewCtx): TemplateResult | typeof nothing {
  const raw = ctx.store.value(['cast']);
  const names = Array.isArray(raw) ? raw : [];
  // Only where a cast can go: an endpoint with elements, or a shot that lists one already.
  if (!ctx.form.elements && !Array.isArray(raw)) return nothing;
  return html`<section class="cast" aria-labelledby="cast-heading">
    <h2 id="cast-heading">${l10n.t('Cast')}</h2>
    ${inlineDiags(ctx, ctx.diags(['cast'], true))}
    ${names.some(n => typeof n === 'string') ? castList(ctx, names) : html`<p class="muted">${l10n.t('No cast members yet.')}</p>`}
    <vscode-button
      id="add-cast-members"
      secondary
      ?disabled=${ctx.readOnly}
      @click=${() => ctx.store.send({ type: 'run', command: 'addCastMembers' })}
      >${l10n.t('Add Members from the Cast…')}</vscode-button
    >
  </section>`;
}

/** The chips, as a list only when there is a member: an empty role="list" is an ARIA error (axe's aria-required-children). */
function castList(ctx: ViewCtx, names: readonly unknown[]): TemplateResult {
  return html`<div class="chips" role="list" aria-label=${l10n.t('Cast members of this shot')}>
    ${names.map((n, i) =>
      typeof n === 'string'
        ? html`<span class="chip ok" role="listitem" data-member=${n}
            >@${n}
            ${
              ctx.readOnly
                ? nothing
                : html`<button
                    class="chip-remove"
                    aria-label=${l10n.t("Remove {0} from this shot's cast", n)}
                    title=${l10n.t("Remove {0} from this shot's cast", n)}
                    @click=${() => ctx.store.remove(['cast', i])}
                  >
                    ×
                  </button>`
            }</span
          >`
        : nothing,
    )}
  </div>`;
}
