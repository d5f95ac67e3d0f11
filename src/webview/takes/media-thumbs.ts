// The media of a take's request as thumbnails, each captioned with its setting. Where the host sent
// no src (outside the workspace, remote previews off) the value is shown as text with the reason.
import { html, nothing, type TemplateResult } from 'lit';
import type { TakeMedia } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';
import css from './media-thumbs.css';
import { adoptCss } from '../adopt-css';

let adopted = false;
function adoptThumbsCss(): void {
  if (!adopted) {
    adopted = true;
    adoptCss(css);
  }
}

/** Images that could not be loaded: they are named instead, from then on. */
const failed = new Set<string>();

/** The heading and the list, or nothing when the request names no media. `rerender` after an image fails. */
export function mediaThumbs(media: readonly TakeMedia[] | undefined, rerender: () => void): TemplateResult | typeof nothing {
  if (!media?.length) {
    return nothing;
  }
  adoptThumbsCss();
  return html`<h2 class="settings-heading">${l10n.t('Media of this take')}</h2>
    <ul class="take-media" aria-label=${l10n.t('Media of this take')}>
      ${media.map(
        m =>
          html`<li data-key=${m.key}>
            <figure>
              ${thumb(m, rerender)}
              <figcaption>${m.key}<span class="value" title=${m.value}>${m.value}</span></figcaption>
            </figure>
          </li>`,
      )}
    </ul>`;
}

function thumb(m: TakeMedia, rerender: () => void): TemplateResult {
  if (!m.src || failed.has(m.src)) {
    const why = m.src ? l10n.t('Could not be loaded: {0}', m.value) : (m.problem ?? l10n.t('No preview'));
    return html`<span class="no-thumb">${why}</span>`;
  }
  if (m.kind === 'video') {
    // The first frame stands for the video; it never plays here.
    return html`<video src=${m.src} preload="metadata" .muted=${true} aria-label=${l10n.t('Video {0}', m.key)}></video>`;
  }
  const src = m.src;
  const onError = () => {
    failed.add(src);
    rerender();
  };
  return html`<img src=${src} alt=${l10n.t('Image {0}', m.key)} @error=${onError} />`;
}
