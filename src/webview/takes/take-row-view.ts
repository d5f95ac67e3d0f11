// One take in the list: a list item holding one button (the list keeps its items, Enter and Space
// come with the button). The row's focus key names its take, so focus stays with the take.
import { html, nothing, type TemplateResult } from 'lit';
import type { TakeView } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';
import { progressText, when } from './take-text';

export function takeRow(t: TakeView, selected: boolean, choose: (id: string) => void): TemplateResult {
  const meta = [
    t.endpoint,
    t.durationS !== undefined ? l10n.t('{0} s', t.durationS) : '',
    t.costUsd !== undefined ? `$${t.costUsd.toFixed(2)}` : '',
    t.rating !== undefined ? l10n.t('rated {0}/5', t.rating) : '',
    t.requestId ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  return html`<li class="take status-${t.status}${selected ? ' selected' : ''}${t.circled ? ' circled' : ''}" data-id=${t.id}>
    <button type="button" class="take-row" aria-pressed=${String(selected)} data-focus="row:${t.id}" @click=${() => choose(t.id)}>
      <span class="badge">${progressText(t)}</span
      >${t.circled ? html`<span class="circle-mark">${l10n.t('● Circled')}</span>` : nothing}<span class="time"
        >${t.number !== undefined ? html`<strong class="take-number">#${t.number}</strong> · ` : nothing}${when(t.createdAt)}</span
      ><span class="row-prompt">${poster(t)}${t.prompt || l10n.t('(no prompt)')}</span><span class="meta">${meta}</span>
    </button>
  </li>`;
}

/**
 * The clip's first frame as the row's poster: a muted video that loads only its header and first
 * frame (as the sequence editor's cards), decorative (the row's text names the take).
 */
function poster(t: TakeView): TemplateResult | typeof nothing {
  return t.clipSrc && t.status === 'done'
    ? html`<video class="poster" src=${`${t.clipSrc}#t=0.01`} preload="metadata" muted aria-hidden="true" tabindex="-1"></video>`
    : nothing;
}
