// Cast editor webview entry: draws the members the host sends and sends intents back; the host
// turns each into an edit of the document, which comes back as the next message.
import './l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { html, nothing, render } from 'lit';
import * as l10n from '@vscode/l10n';
import { ToCast, type CastDocMessage, type FromCast, type MemberView } from '../shared/cast-messages';
import css from './cast-editor.css';
import { settleFocus } from './focus-home';
import { adoptCss, poster } from './vscode-api';

const post = poster<FromCast>();
adoptCss(css);

let doc: CastDocMessage | undefined;
let failure = '';
const root = document.getElementById('app')!;

function thumb(m: MemberView) {
  if (m.thumb?.kind === 'image') return html`<img class="thumb" src=${m.thumb.src} alt=${l10n.t('Frontal image of {0}', m.name)} />`;
  if (m.thumb?.kind === 'video')
    return html`<video class="thumb" src=${m.thumb.src} preload="metadata" muted aria-label=${l10n.t('Video of {0}', m.name)}></video>`;
  return html`<div class="thumb none" role="img" aria-label=${l10n.t('No preview of {0}', m.name)}>${m.thumbProblem ?? ''}</div>`;
}

function voice(m: MemberView) {
  if (m.voiceSrc)
    return html`<audio controls preload="none" src=${m.voiceSrc} aria-label=${l10n.t('Voice sample of {0}', m.name)}></audio>`;
  if (m.voiceId) return html`<p class="muted">${l10n.t('Voice id: {0}', m.voiceId)}</p>`;
  return html`<p class="muted">${l10n.t('No voice')}</p>`;
}

function card(m: MemberView, readOnly: boolean) {
  return html`<li class="member" data-member=${m.name}>
    ${thumb(m)}
    <h2>${m.name}</h2>
    ${m.description ? html`<p>${m.description}</p>` : nothing}
    ${
      m.references.length
        ? html`<div class="refs">
            ${m.references.map((src, i) => html`<img src=${src} alt=${l10n.t('Reference image {0} of {1}', i + 1, m.name)} />`)}
          </div>`
        : nothing
    }
    ${voice(m)}
    <div class="used">
      <span>${l10n.t('Used in')}:</span>
      ${
        m.usedIn.length
          ? html`<ul aria-label=${l10n.t('Shots using {0}', m.name)}>
              ${m.usedIn.map(
                u =>
                  html`<li>
                    <a href="#" @click=${(e: Event) => (e.preventDefault(), post({ type: 'openShot', file: u.file }))}>${u.label}</a>
                  </li>`,
              )}
            </ul>`
          : html`<span class="muted">${l10n.t('no shot yet')}</span>`
      }
    </div>
    <div class="actions">
      <vscode-button
        secondary
        ?disabled=${readOnly}
        aria-label=${l10n.t('Rename {0}', m.name)}
        @click=${() => post({ type: 'renameMember', name: m.name })}
        >${l10n.t('Rename…')}</vscode-button
      >
      <vscode-button
        secondary
        ?disabled=${readOnly}
        aria-label=${l10n.t('Remove {0}', m.name)}
        @click=${() => post({ type: 'removeMember', name: m.name })}
        >${l10n.t('Remove')}</vscode-button
      >
    </div>
  </li>`;
}

function draw(): void {
  if (!doc) {
    render(html`<p class="muted">${l10n.t('Loading the cast…')}</p>`, root);
    return;
  }
  const d = doc;
  render(
    html`<div class="cast" data-version=${d.version}>
      <header>
        <h1 tabindex="-1" data-focus-home>${d.fileName}</h1>
        <div class="actions" role="group" aria-label=${l10n.t('Cast actions')}>
          <vscode-button data-action="add" ?disabled=${d.readOnly} @click=${() => post({ type: 'addMember' })}
            >${l10n.t('Add Member from Images…')}</vscode-button
          >
          <vscode-button secondary data-action="reopen-text" @click=${() => post({ type: 'reopenAsText' })}
            >${l10n.t('Reopen as Text')}</vscode-button
          >
        </div>
        ${failure ? html`<p class="failure" role="alert">${failure}</p>` : nothing}
        ${
          d.problems.length && !d.blank
            ? html`<ul class="problems" aria-label=${l10n.t('Problems of the file')}>
                ${d.problems.map(p => html`<li>${p}</li>`)}
              </ul>`
            : nothing
        }
      </header>
      ${
        d.members.length
          ? html`<ul class="grid" aria-label=${l10n.t('Members')}>
              ${d.members.map(m => card(m, d.readOnly))}
            </ul>`
          : d.blank
            ? html`<section class="empty-state" data-empty="blank">
                <p>
                  ${l10n.t(
                    'This cast file is empty. Start it, then add the characters and objects your shots name as @Name, each from its images.',
                  )}
                </p>
                ${
                  d.readOnly
                    ? nothing
                    : html`<vscode-button data-action="start-template" @click=${() => post({ type: 'startFromTemplate' })}
                        >${l10n.t('Start an Empty Cast')}</vscode-button
                      >`
                }
              </section>`
            : html`<p class="muted">${l10n.t('No members yet: add one from its images.')}</p>`
      }
    </div>`,
    root,
  );
  settleFocus();
}

window.addEventListener('message', (e: MessageEvent) => {
  const parsed = ToCast.safeParse(e.data);
  if (!parsed.success) return;
  const msg = parsed.data;
  if (msg.type === 'failed') failure = msg.message;
  else {
    doc = msg;
    failure = '';
  }
  draw();
});

draw();
post({ type: 'ready' });
