// Reference media and elements as cards: thumbnails for local images (asWebviewUri) and https:
// images, video cards with their duration, a host file dialog to pick a local file (stored relative
// to the shot file), and a text field for a URL.
import { html, nothing, type TemplateResult } from 'lit';
import type { MediaView } from '../../shared/messages';
import type { Path } from './store';
import { fieldId, inlineDiags, type ViewCtx } from './view-context';
import { brokenLabel } from './broken-label';
import * as l10n from '@vscode/l10n';

const SLOTS: Record<ViewCtx['kind'], { key: string; kind: 'image' | 'video' }[]> = {
  'text-to-video': [],
  // V3 names the first frame start_image_url, O3 and turbo image_url; only the endpoint's own shows.
  'image-to-video': [
    { key: 'start_image_url', kind: 'image' },
    { key: 'image_url', kind: 'image' },
    { key: 'end_image_url', kind: 'image' },
  ],
  'reference-to-video': [
    { key: 'start_image_url', kind: 'image' },
    { key: 'end_image_url', kind: 'image' },
  ],
  'motion-control': [
    { key: 'image_url', kind: 'image' },
    { key: 'video_url', kind: 'video' },
  ],
  'video-to-video/edit': [{ key: 'video_url', kind: 'video' }],
  'video-to-video/reference': [{ key: 'video_url', kind: 'video' }],
  // The voice sample is audio, which has no card yet; it is edited as text.
  'create-voice': [],
};

export function mediaSection(ctx: ViewCtx) {
  if (ctx.kind === 'text-to-video') {
    return nothing;
  }
  const elements = ctx.store.value(['elements']);
  const list = Array.isArray(elements) ? elements : [];
  const maxElements = ctx.kind === 'motion-control' ? 1 : 3;
  return html`<section class="media" aria-labelledby="media-heading">
    <h2 id="media-heading">${l10n.t('Reference media')}</h2>
    <div class="cards">
      ${SLOTS[ctx.kind]
        .filter(s => ctx.field(s.key))
        .map(s => {
          const label = ctx.field(s.key)?.label ?? s.key;
          return mediaCard(ctx, [s.key], s.kind, label, ctx.field(s.key)?.required ?? false, l10n.t('{0} URL or path', label));
        })}
    </div>
    ${
      ctx.field('elements')
        ? html`<div class="section-head">
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
                ?disabled=${ctx.readOnly || list.length >= maxElements}
                @click=${() => ctx.store.pickMedia('image', ['elements'], list.length, 'element')}
                >${l10n.t('+ Add element from image…')}</vscode-button
              >
              ${
                ctx.kind === 'image-to-video' || ctx.kind === 'reference-to-video'
                  ? html`<vscode-button
                      secondary
                      ?disabled=${ctx.readOnly || list.length >= maxElements}
                      @click=${() => ctx.store.pickMedia('video', ['elements'], list.length, 'element')}
                      >${l10n.t('+ Add element from video…')}</vscode-button
                    >`
                  : nothing
              }
            </div> `
        : nothing
    }
  </section>`;
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
          ? mediaCard(ctx, [...base, 'video_url'], 'video', l10n.t('Element video'), false, l10n.t('Element {0} video URL or path', i + 1))
          : html`${mediaCard(
              ctx,
              [...base, 'frontal_image_url'],
              'image',
              l10n.t('Frontal image'),
              false,
              l10n.t('Element {0} frontal image URL or path', i + 1),
            )}
            ${refList.map((_, j) =>
              mediaCard(
                ctx,
                [...base, 'reference_image_urls', j],
                'image',
                l10n.t('Reference {0}', j + 1),
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

function mediaCard(
  ctx: ViewCtx,
  path: Path,
  kind: 'image' | 'video',
  label: string,
  required: boolean,
  /** The text field's accessible name, by the field's role ("Start image URL or path"). */
  fieldName: string,
  listItem = false,
): TemplateResult {
  const value = ctx.store.value(path);
  const v = typeof value === 'string' ? value : '';
  const view = ctx.doc.media.find(m => m.value === v && m.kind === kind);
  const id = fieldId(path);
  const onUrl = (e: Event) => {
    const text = (e.target as HTMLInputElement).value.trim();
    if (text) {
      ctx.store.set(path, text);
    } else if (!required) {
      ctx.store.remove(path);
    }
  };
  return html`<div class=${`card ${kind}`} data-path=${JSON.stringify(path)}>
    <div class="thumb">
      ${v ? thumb(ctx, view, kind, label, brokenLabel(ctx.diags(path).map(d => d.code))) : html`<span class="empty">${required ? l10n.t('Required') : l10n.t('None')}</span>`}
    </div>
    <label class="card-label" for=${id}>${label}</label>
    <vscode-textfield
      id=${id}
      .value=${v}
      placeholder=${l10n.t('./refs/file or https://…')}
      .label=${fieldName}
      ?disabled=${ctx.readOnly}
      @change=${onUrl}
    ></vscode-textfield>
    <div class="card-actions">
      <button type="button" class="link" ?disabled=${ctx.readOnly} @click=${() => ctx.store.pickMedia(kind, path)}>
        ${l10n.t('Choose file…')}
      </button>
      ${
        v && (!required || listItem)
          ? html`<button type="button" class="link" ?disabled=${ctx.readOnly} @click=${() => ctx.store.remove(path)}>
              ${l10n.t('Remove')}
            </button>`
          : nothing
      }
    </div>
    ${inlineDiags(ctx, ctx.diags(path))}
  </div>`;
}

function thumb(ctx: ViewCtx, view: MediaView | undefined, kind: 'image' | 'video', label: string, broken: string): TemplateResult {
  if (view?.remoteBlocked) {
    // Nothing was fetched: say why, and let the user decide for this editor in one click.
    return html`<div class="remote-blocked">
      <span class="empty">${view.problem}</span>
      <button type="button" class="link load-remote" @click=${() => ctx.store.send({ type: 'loadRemotePreviews' })}>
        ${l10n.t('Load remote previews')}
      </button>
    </div>`;
  }
  if (!view?.src) {
    return html`<span class="empty" title=${view?.problem ?? ''}>${view?.problem ?? l10n.t('No preview')}</span>`;
  }
  if (kind === 'image') {
    // A missing file keeps its card (marked) rather than vanishing; the media check says why.
    return html`<img
        src=${view.src}
        alt=${label}
        @error=${(e: Event) => (e.target as HTMLElement).classList.add('broken')}
        @load=${(e: Event) => (e.target as HTMLElement).classList.remove('broken')}
      /><span class="broken-label">${broken}</span>`;
  }
  const onMeta = (e: Event) => {
    const video = e.target as HTMLVideoElement;
    const badge = video.parentElement?.querySelector('.video-duration');
    if (badge && Number.isFinite(video.duration)) {
      badge.textContent = l10n.t('{0} s', video.duration.toFixed(1));
    }
  };
  return html`<video src=${view.src} preload="metadata" muted @loadedmetadata=${onMeta} aria-label=${label}></video
    ><span class="video-duration">${l10n.t('video')}</span>`;
}
