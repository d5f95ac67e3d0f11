// Elements as cards: an image set (frontal image and up to three more views) or, where the endpoint
// allows it, one video; each is `@ElementN` in prompts, numbered in list order.
import { html, nothing, type TemplateResult } from 'lit';
import type { FormLayout } from '../../shared/messages';
import type { Path } from './store';
import { mediaCard } from './media-view';
import { inlineDiags, type ViewCtx } from './view-context';
import * as l10n from '@vscode/l10n';

export function elementsBlock(ctx: ViewCtx, form: NonNullable<FormLayout['elements']>): TemplateResult {
  const elements = ctx.store.value(['elements']);
  const list = Array.isArray(elements) ? elements : [];
  const full = list.length >= form.max;
  return html`<div class="section-head">
      <h2 id="elements-heading">${l10n.t('Elements')}</h2>
      <span class="muted">${l10n.t('Refer to them in prompts as @Element1, @Element2, …')}</span>
    </div>
    ${inlineDiags(ctx, ctx.diags(['elements']))}
    <ol class="elements">
      ${list.map((_, i) => elementCard(ctx, i))}
    </ol>
    <div class="row">
      <vscode-button
        secondary
        id="add-element"
        ?disabled=${ctx.readOnly || full}
        @click=${() => ctx.store.pickMedia('image', ['elements'], list.length, 'element')}
        >${l10n.t('+ Add element from image…')}</vscode-button
      >
      ${
        form.video
          ? html`<vscode-button
              secondary
              id="add-element-video"
              ?disabled=${ctx.readOnly || full}
              @click=${() => ctx.store.pickMedia('video', ['elements'], list.length, 'element')}
              >${l10n.t('+ Add element from video…')}</vscode-button
            >`
          : nothing
      }
    </div>`;
}

function elementCard(ctx: ViewCtx, i: number): TemplateResult {
  const base: Path = ['elements', i];
  const refs = ctx.store.value([...base, 'reference_image_urls']);
  const refList = Array.isArray(refs) ? refs : [];
  const video = ctx.store.value([...base, 'video_url']);
  return html`<li class="element" data-index=${i}>
    <div class="element-head">
      <span class="chip ok">@Element${i + 1}</span>
      <span class="spacer"></span>
      <button
        type="button"
        class="icon danger"
        aria-label=${l10n.t('Remove element {0}', i + 1)}
        title=${l10n.t('Remove this element')}
        ?disabled=${ctx.readOnly}
        @click=${() => ctx.store.intent({ kind: 'remove', path: base })}
      >
        ✕
      </button>
    </div>
    ${inlineDiags(ctx, ctx.diags(base))}
    <div class="cards">
      ${
        typeof video === 'string'
          ? mediaCard(
              ctx,
              [...base, 'video_url'],
              'video',
              l10n.t('Element {0} video', i + 1),
              false,
              l10n.t('Element {0} video URL or path', i + 1),
            )
          : html`${mediaCard(
              ctx,
              [...base, 'frontal_image_url'],
              'image',
              l10n.t('Element {0} frontal image', i + 1),
              false,
              l10n.t('Element {0} frontal image URL or path', i + 1),
            )}
            ${refList.map((_, j) =>
              mediaCard(
                ctx,
                [...base, 'reference_image_urls', j],
                'image',
                l10n.t('Element {0} reference {1}', i + 1, j + 1),
                false,
                l10n.t('Element {0} reference image {1} URL or path', i + 1, j + 1),
                true,
              ),
            )}
            ${
              refList.length < 3
                ? html`<button
                    type="button"
                    class="card add-card"
                    aria-label=${l10n.t('Add reference image to element {0}…', i + 1)}
                    ?disabled=${ctx.readOnly}
                    @click=${() => ctx.store.pickMedia('image', [...base, 'reference_image_urls'], refList.length)}
                  >
                    ${l10n.t('+ Reference image…')}
                  </button>`
                : nothing
            }`
      }
    </div>
  </li>`;
}
