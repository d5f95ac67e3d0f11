// Reference media as cards, one per media field of the endpoint's form (core's formLayout): a
// single file is one card, a list (reference images, keyframes) a row of cards in the order fal
// reads them, each movable. Thumbnails for local images (asWebviewUri) and https: images, video
// cards with their duration, a host file dialog to pick a local file (stored relative to the shot
// file), and a text field for a URL. Every button's accessible name says which field it acts on.
import { html, nothing, type TemplateResult } from 'lit';
import type { FormLayout, MediaView } from '../../shared/messages';
import type { Path } from './store';
import { fieldId, inlineDiags, type ViewCtx } from './view-context';
import { brokenLabel } from './broken-label';
import { elementsBlock } from './elements-view';
import * as l10n from '@vscode/l10n';

type FormMedia = FormLayout['media'][number];

export function mediaSection(ctx: ViewCtx) {
  const { media, elements } = ctx.form;
  if (media.length === 0 && !elements) {
    return nothing;
  }
  const singles = media.filter(m => !m.list);
  return html`<section class="media" aria-labelledby="media-heading">
    <h2 id="media-heading">${l10n.t('Reference media')}</h2>
    ${
      singles.length
        ? html`<div class="cards">
            ${singles.map(m => {
              const label = ctx.field(m.key)?.label ?? m.key;
              return mediaCard(ctx, [m.key], m.kind, label, m.required, l10n.t('{0} URL or path', label));
            })}
          </div>`
        : nothing
    }
    ${media.filter(m => m.list).map(m => mediaList(ctx, m))} ${elements ? elementsBlock(ctx, elements) : nothing}
  </section>`;
}

/** The number of the first `@Image`/`@Video` this field's items take: fields of one reference kind count on in form order. */
function firstReference(ctx: ViewCtx, m: FormMedia): number {
  let n = 1;
  for (const other of ctx.form.media) {
    if (other === m) {
      break;
    }
    if (other.reference === m.reference) {
      const v = ctx.store.value([other.key]);
      n += other.list ? (Array.isArray(v) ? v.length : 0) : typeof v === 'string' && v !== '' ? 1 : 0;
    }
  }
  return n;
}

/** A list of files: a card each (move, remove, replace), then a card that adds one at the end. */
function mediaList(ctx: ViewCtx, m: FormMedia): TemplateResult {
  const info = ctx.field(m.key);
  const label = info?.label ?? m.key;
  const itemLabel = ctx.field(`${m.key}[]`)?.label ?? label;
  const raw = ctx.store.value([m.key]);
  const items = Array.isArray(raw) ? raw : [];
  const full = m.maxItems !== undefined && items.length >= m.maxItems;
  const id = fieldId([m.key]);
  const first = m.reference ? firstReference(ctx, m) : 0;
  const hint = m.reference
    ? m.reference === 'Image'
      ? l10n.t('Refer to them in prompts as @Image{0}, @Image{1}, …', first, first + 1)
      : l10n.t('Refer to them in prompts as @Video{0}, @Video{1}, …', first, first + 1)
    : l10n.t('In the order the model uses them');
  return html`<div class="media-list" data-key=${m.key} role="group" aria-labelledby=${`${id}-heading`}>
    <div class="section-head">
      <h3 id=${`${id}-heading`}>${label}</h3>
      <span class="muted">${hint}</span>
      <span class="muted"
        >${m.maxItems === undefined ? l10n.t('{0} given', items.length) : l10n.t('{0} / {1}', items.length, m.maxItems)}</span
      >
    </div>
    ${inlineDiags(ctx, ctx.diags([m.key]))}
    <ol class="cards media-items">
      ${items.map((_, i) => {
        const name = l10n.t('{0} {1}', itemLabel, i + 1);
        const move = (to: number) => ctx.store.intent({ kind: 'moveItem', path: [m.key], from: i, to }, [m.key, to]);
        const onKey = (e: KeyboardEvent) => {
          // As the storyboard's shots: Alt+↑/← and Alt+↓/→ move the item without leaving it.
          if (!e.altKey || ctx.readOnly) {
            return;
          }
          const step = e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : 0;
          if (step && i + step >= 0 && i + step < items.length) {
            e.preventDefault();
            move(i + step);
          }
        };
        return html`<li class="media-item" data-index=${i} tabindex="-1" aria-label=${name} @keydown=${onKey}>
          ${mediaCard(ctx, [m.key, i], m.kind, name, false, l10n.t('{0} URL or path', name), true, {
            reference: m.reference ? `@${m.reference}${first + i}` : undefined,
            tools: html`<button
                type="button"
                class="icon"
                title=${l10n.t('Move earlier (Alt+↑)')}
                aria-label=${l10n.t('Move {0} earlier', name)}
                ?disabled=${i === 0 || ctx.readOnly}
                @click=${() => move(i - 1)}
              >
                ↑</button
              ><button
                type="button"
                class="icon"
                title=${l10n.t('Move later (Alt+↓)')}
                aria-label=${l10n.t('Move {0} later', name)}
                ?disabled=${i === items.length - 1 || ctx.readOnly}
                @click=${() => move(i + 1)}
              >
                ↓
              </button>`,
          })}
        </li>`;
      })}
      <li class="media-item">
        <button
          type="button"
          class="card add-card"
          id=${`${id}-add`}
          ?disabled=${ctx.readOnly || full}
          title=${full ? l10n.t('{0} holds at most {1}', label, m.maxItems!) : l10n.t('Choose a file to add at the end')}
          aria-label=${m.kind === 'video' ? l10n.t('Add video to {0}…', label) : l10n.t('Add image to {0}…', label)}
          @click=${() => ctx.store.pickMedia(m.kind, [m.key], items.length)}
        >
          ${m.kind === 'video' ? l10n.t('+ Video…') : l10n.t('+ Image…')}
        </button>
      </li>
    </ol>
  </div>`;
}

export function mediaCard(
  ctx: ViewCtx,
  path: Path,
  kind: 'image' | 'video' | 'audio',
  label: string,
  required: boolean,
  /** The text field's accessible name, by the field's role ("Start image URL or path"). */
  fieldName: string,
  listItem = false,
  extra: { reference?: string | undefined; tools?: TemplateResult } = {},
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
    <div class="card-head">
      <label class="card-label" id=${`${id}-label`} for=${id}>${label}</label>
      ${extra.reference ? html`<span class="chip ok">${extra.reference}</span>` : nothing}
    </div>
    <vscode-textfield
      id=${id}
      .value=${v}
      placeholder=${l10n.t('./refs/file or https://…')}
      .label=${fieldName}
      ?disabled=${ctx.readOnly}
      @change=${onUrl}
    ></vscode-textfield>
    <div class="card-actions">
      <button
        type="button"
        class="link"
        id=${`${id}-choose`}
        aria-labelledby=${`${id}-choose ${id}-label`}
        ?disabled=${ctx.readOnly}
        @click=${() => ctx.store.pickMedia(kind, path)}
      >
        ${l10n.t('Choose file…')}
      </button>
      ${
        v && (!required || listItem)
          ? html`<button
              type="button"
              class="link"
              id=${`${id}-remove`}
              aria-labelledby=${`${id}-remove ${id}-label`}
              ?disabled=${ctx.readOnly}
              @click=${() => ctx.store.remove(path)}
            >
              ${l10n.t('Remove')}
            </button>`
          : nothing
      }
      ${extra.tools ? html`<span class="spacer"></span>${extra.tools}` : nothing}
    </div>
    ${inlineDiags(ctx, ctx.diags(path))}
  </div>`;
}

function thumb(
  ctx: ViewCtx,
  view: MediaView | undefined,
  kind: 'image' | 'video' | 'audio',
  label: string,
  broken: string,
): TemplateResult {
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
  if (kind === 'audio') {
    // A voice sample: the user hears what fal will clone.
    return html`<audio src=${view.src} preload="metadata" controls aria-label=${label}></audio>`;
  }
  const onMeta = (e: Event) => {
    const video = e.target as HTMLVideoElement;
    const badge = video.parentElement?.querySelector('.video-duration');
    if (badge && Number.isFinite(video.duration)) {
      badge.textContent = l10n.t('{0} s', video.duration.toFixed(1));
    }
  };
  // preload="metadata" draws the first frame as the card's poster without loading the clip.
  return html`<video src=${view.src} preload="metadata" muted @loadedmetadata=${onMeta} aria-label=${label}></video
    ><span class="video-duration">${l10n.t('video')}</span>`;
}
