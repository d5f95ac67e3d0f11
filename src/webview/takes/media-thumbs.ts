// The media of a take's request as thumbnails, each captioned with its setting. Where the host sent
// no src (outside the workspace, remote previews off) the value is shown as text with the reason.
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

/** The heading and the list, or nothing when the request names no media. */
export function mediaThumbs(media: readonly TakeMedia[] | undefined): HTMLElement[] {
  if (!media?.length) {
    return [];
  }
  adoptThumbsCss();
  const heading = document.createElement('h2');
  heading.className = 'settings-heading';
  heading.textContent = l10n.t('Media of this take');
  const list = document.createElement('ul');
  list.className = 'take-media';
  list.setAttribute('aria-label', l10n.t('Media of this take'));
  for (const m of media) {
    const li = document.createElement('li');
    li.dataset.key = m.key;
    const fig = document.createElement('figure');
    fig.append(thumb(m));
    const cap = document.createElement('figcaption');
    cap.textContent = m.key;
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = m.value;
    value.title = m.value;
    cap.append(value);
    fig.append(cap);
    li.append(fig);
    list.append(li);
  }
  return [heading, list];
}

function thumb(m: TakeMedia): HTMLElement {
  if (!m.src) {
    const why = document.createElement('span');
    why.className = 'no-thumb';
    why.textContent = m.problem ?? l10n.t('No preview');
    return why;
  }
  if (m.kind === 'video') {
    // The first frame stands for the video; it never plays here.
    const v = document.createElement('video');
    v.src = m.src;
    v.preload = 'metadata';
    v.muted = true;
    v.setAttribute('aria-label', l10n.t('Video {0}', m.key));
    return v;
  }
  const img = document.createElement('img');
  img.src = m.src;
  img.alt = l10n.t('Image {0}', m.key);
  img.addEventListener('error', () =>
    img.replaceWith(
      Object.assign(document.createElement('span'), {
        className: 'no-thumb',
        textContent: l10n.t('Could not be loaded: {0}', m.value),
      }),
    ),
  );
  return img;
}
