// Title row: file name, endpoint picker, cost estimate, Generate and "Reopen as Text".
import { html, nothing } from 'lit';
import type { ViewCtx } from './view-context';
import * as l10n from '@vscode/l10n';
import { circledTakeView } from './circled-take-view';

const INFER = '';

/**
 * Keep the style the file uses: a full id stays a full id, an alias stays an alias, and the short
 * alias form the file had (`text-to-video`, `pro/text-to-video`) is kept where the new endpoint has one.
 */
function endpointValue(ctx: ViewCtx, current: unknown, id: string): string {
  const spec = ctx.setup.endpoints.find(e => e.id === id)!;
  const fullId = (s: string) => s.startsWith('fal-ai/') || ctx.setup.endpoints.some(e => e.id === s);
  if (typeof current === 'string' && !fullId(current) && spec.aliases.length) {
    const slashes = (s: string) => s.split('/').length;
    return spec.aliases.find(a => slashes(a) === slashes(current)) ?? spec.aliases[0]!;
  }
  return id;
}

export function headerView(ctx: ViewCtx) {
  const { doc, store } = ctx;
  const explicit = store.value(['endpoint']);
  const selected = doc.endpoint.inferred ? INFER : doc.endpoint.id;
  const onEndpoint = (e: Event) => {
    const v = (e.target as HTMLSelectElement).value;
    if (v === INFER) {
      store.remove(['endpoint']);
    } else {
      store.set(['endpoint'], endpointValue(ctx, explicit, v));
    }
  };
  const cost = doc.cost;
  return html`<header class="top">
    <div class="title-row">
      <h1 id="title" tabindex="-1" data-focus-home>${doc.fileName}</h1>
      <div class="actions">
        <vscode-button
          id="generate"
          ?disabled=${ctx.readOnly}
          @click=${() => store.send({ type: 'generate' })}
          title=${l10n.t('Run Kling: Generate on this file')}
          >${l10n.t('Generate')}</vscode-button
        >
        <vscode-button
          secondary
          id="show-request-body"
          @click=${() => store.send({ type: 'run', command: 'showRequestBody' })}
          title=${l10n.t('Show the exact JSON Generate would send')}
          >${l10n.t('Request Body')}</vscode-button
        >
        <vscode-button
          secondary
          id="estimate-cost"
          @click=${() => store.send({ type: 'run', command: 'estimateCost' })}
          title=${l10n.t('Estimate what this shot costs on fal')}
          >${l10n.t('Estimate Cost')}</vscode-button
        >
        <vscode-button
          secondary
          id="reopen"
          @click=${() => store.send({ type: 'reopenAsText' })}
          title=${l10n.t('Open this file in the text editor')}
          >${l10n.t('Reopen as Text')}</vscode-button
        >
      </div>
    </div>
    <div class="endpoint-row">
      <label for="endpoint">${l10n.t('Endpoint')}</label>
      <vscode-single-select id="endpoint" .value=${selected} ?disabled=${ctx.readOnly} @change=${onEndpoint} .label=${l10n.t('Endpoint')}>
        <vscode-option value=${INFER} ?selected=${selected === INFER}
          >${l10n.t('Inferred: {0}', ctx.setup.endpoints.find(e => e.id === doc.endpoint.id)?.label ?? doc.endpoint.id)}</vscode-option
        >
        ${ctx.setup.endpoints.map(e => html`<vscode-option value=${e.id} ?selected=${selected === e.id} description=${e.id}>${e.label}</vscode-option>`)}
      </vscode-single-select>
      <code class="endpoint-id" title=${l10n.t('The fal endpoint this file is sent to')}>${doc.endpoint.id}</code>
    </div>
    <div class="cost" id="cost" aria-live="polite">
      ${
        cost
          ? html`<span class="cost-amount"
                >${
                  cost.simulated ? l10n.t('free (simulator) · ≈ ${0} on fal', cost.usd.toFixed(2)) : l10n.t('≈ ${0}', cost.usd.toFixed(2))
                }</span
              >
              <span class="muted"
                >${
                  cost.audio
                    ? l10n.t('{0} s × ${1}/s, audio on', cost.seconds, cost.perSecond.toFixed(3))
                    : l10n.t('{0} s × ${1}/s, audio off', cost.seconds, cost.perSecond.toFixed(3))
                }</span
              >
              <span class="muted cost-source" title=${cost.source}>${l10n.t('(prices)')}</span>`
          : html`<span class="muted"
              >${
                ctx.form.lengthFromVideo
                  ? l10n.t('Cost: not known until the duration (the reference video length) is valid.')
                  : l10n.t('Cost: not known until the duration is valid.')
              }</span
            >`
      }
    </div>
    ${circledTakeView(ctx)} ${store.notice ? html`<div class="notice" role="alert">${store.notice}</div>` : nothing}
  </header>`;
}
