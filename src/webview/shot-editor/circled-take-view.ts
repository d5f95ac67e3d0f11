// The shot's circled take under the title: its name, length and first frame (when the clip is in
// the workspace), or that there is none, with a button to the takes panel.
import { html, nothing } from 'lit';
import type { CircledTakeMessage } from '../../shared/circled-take-messages';
import * as l10n from '@vscode/l10n';
import { adoptCss } from '../vscode-api';
import css from './circled-take.css';
import type { ViewCtx } from './view-context';

adoptCss(css);

export function circledTakeView(ctx: ViewCtx) {
  const c: CircledTakeMessage | undefined = ctx.store.circled;
  if (!c) {
    return nothing;
  }
  const t = c.take;
  const open = html`<vscode-button
    secondary
    id="open-circled-take"
    @click=${() => ctx.store.send({ type: 'openTakes' })}
    title=${t ? l10n.t('Show the circled take in the takes panel') : l10n.t("Show this shot's takes")}
    >${t ? l10n.t('Show in Takes') : l10n.t('Open Takes')}</vscode-button
  >`;
  if (!t) {
    return html`<div class="circled-take" id="circled-take" data-state=${c.count ? 'not-circled' : 'no-takes'}>
      <span class="muted">${c.count ? l10n.t('No circled take') : l10n.t('No takes yet')}</span>
      ${c.count ? open : nothing}
    </div>`;
  }
  // The first frame stands for the clip: media fragment #t=0.1, never played here.
  return html`<div class="circled-take" id="circled-take" data-state="circled" data-take=${t.id}>
    ${t.thumbSrc ? html`<video src=${`${t.thumbSrc}#t=0.1`} preload="metadata" muted aria-label=${l10n.t('First frame of the circled take')}></video>` : nothing}
    <span class="circle-mark">${l10n.t('● Circled take')}</span>
    <span class="take-name">${t.name}</span>
    ${t.durationS !== undefined ? html`<span class="muted">${l10n.t('{0} s', t.durationS)}</span>` : nothing}
    ${t.status !== 'done' ? html`<span class="muted">${t.status}</span>` : nothing} ${open}
  </div>`;
}
