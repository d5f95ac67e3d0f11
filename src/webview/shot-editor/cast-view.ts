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
    <div class="chips" role="list" aria-label=${l10n.t('Cast members of this shot')}>
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
      ${names.length ? nothing : html`<span class="muted">${l10n.t('No cast members yet.')}</span>`}
    </div>
    <vscode-button
      id="add-cast-members"
      secondary
      ?disabled=${ctx.readOnly}
      @click=${() => ctx.store.send({ type: 'run', command: 'addCastMembers' })}
      >${l10n.t('Add Members from the Cast…')}</vscode-button
    >
  </section>`;
}
