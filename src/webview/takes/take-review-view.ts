// The creator's review of a take: its rating (1–5) and note beside the player, and the list's
// filter by them. The page keeps nothing: a rating or a saved note leaves as an intent, and the
// host writes it into the take's record and sends the list again.
import { html, nothing, type TemplateResult } from 'lit';
import * as l10n from '@vscode/l10n';
import type { TakeView } from '../../shared/takes-messages';
import type { TakesModel } from './takes-model';
import { takeName } from './take-text';

const STARS = [1, 2, 3, 4, 5] as const;

/** Rating toggles and the note of a finished take (a running one's record is its journal's). */
export function reviewView(t: TakeView, model: TakesModel): TemplateResult | typeof nothing {
  if (t.running) return nothing;
  const post = model.post;
  // A button, not a form submit: the webview's sandbox does not allow forms to submit.
  const saveNote = (e: Event) => {
    const area = (e.currentTarget as HTMLElement).parentElement?.querySelector('textarea');
    if (area) post({ type: 'review', id: t.id, note: area.value });
  };
  return html`<div class="review">
    <div class="rating" role="group" aria-label=${l10n.t('Rating of {0}', takeName(t))}>
      ${STARS.map(
        n =>
          html`<button
            type="button"
            data-focus="rate:${n}"
            aria-pressed=${String(t.rating === n)}
            title=${t.rating === n ? l10n.t('Rated {0} of 5. Press to clear the rating.', n) : l10n.t('Rate {0} of 5', n)}
            @click=${() => post({ type: 'review', id: t.id, rating: t.rating === n ? null : n })}
          >
            <span aria-hidden="true">${(t.rating ?? 0) >= n ? '★' : '☆'}</span><span class="visually-hidden">${l10n.t('{0} of 5', n)}</span>
          </button>`,
      )}
    </div>
    <div class="note">
      <label for="take-note">${l10n.t('Note')}</label>
      <textarea id="take-note" data-focus="note" rows="2" maxlength="2000" .value=${t.note ?? ''}></textarea>
      <button type="button" data-focus="save-note" @click=${saveNote}>${l10n.t('Save Note')}</button>
    </div>
  </div>`;
}

/** The list's filter: a minimum rating and the circled take only. */
export function filterBar(model: TakesModel): TemplateResult {
  const min = (e: Event) => model.setFilter({ minRating: Number((e.target as HTMLSelectElement).value) });
  const circled = (e: Event) => model.setFilter({ circledOnly: (e.target as HTMLInputElement).checked });
  return html`<div class="filter" role="group" aria-label=${l10n.t('Filter the takes')}>
    <label
      >${l10n.t('Rated at least')}
      <select data-focus="filter-rating" @change=${min}>
        <option value="0" ?selected=${model.minRating === 0}>${l10n.t('any rating')}</option>
        ${STARS.map(n => html`<option value=${n} ?selected=${model.minRating === n}>${l10n.t('{0} of 5', n)}</option>`)}
      </select></label
    >
    <label
      ><input
        type="checkbox"
        data-focus="filter-circled"
        .checked=${model.circledOnly}
        @change=${circled}
      />${l10n.t('Circled only')}</label
    >
  </div>`;
}
