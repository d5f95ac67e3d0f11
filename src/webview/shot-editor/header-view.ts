// Title row: file name, endpoint picker, cost estimate, Generate and "Reopen as Text".
import { html, nothing } from 'lit';
import type { ViewCtx } from './view-context';
import { circledTakeView } from './circled-take-view';

const TIER_LABEL = { pro: 'Pro', standard: 'Standard', '4k': '4K' } as const;
const INFER = '';

/** Keep the style the file uses: a full id stays a full id, an alias stays an alias. */
function endpointValue(ctx: ViewCtx, current: unknown, id: string): string {
  const spec = ctx.setup.endpoints.find(e => e.id === id)!;
  if (typeof current === 'string' && !current.startsWith('fal-ai/')) {
    return spec.tier === 'pro' && !current.includes('/') ? spec.kind : `${spec.tier}/${spec.kind}`;
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
      <h1 id="title">${doc.fileName}</h1>
      <div class="actions">
        <vscode-button
          id="generate"
          ?disabled=${ctx.readOnly}
          @click=${() => store.send({ type: 'generate' })}
          title="Run Kling: Generate on this file"
          >Generate</vscode-button
        >
        <vscode-button
          secondary
          id="show-request-body"
          @click=${() => store.send({ type: 'run', command: 'showRequestBody' })}
          title="Show the exact JSON Generate would send"
          >Request Body</vscode-button
        >
        <vscode-button
          secondary
          id="estimate-cost"
          @click=${() => store.send({ type: 'run', command: 'estimateCost' })}
          title="Estimate what this shot costs on fal"
          >Estimate Cost</vscode-button
        >
        <vscode-button secondary id="reopen" @click=${() => store.send({ type: 'reopenAsText' })} title="Open this file in the text editor"
          >Reopen as Text</vscode-button
        >
      </div>
    </div>
    <div class="endpoint-row">
      <label for="endpoint">Endpoint</label>
      <vscode-single-select id="endpoint" .value=${selected} ?disabled=${ctx.readOnly} @change=${onEndpoint} .label=${'Endpoint'}>
        <vscode-option value=${INFER} ?selected=${selected === INFER}
          >Inferred: ${TIER_LABEL[doc.endpoint.tier]} · ${doc.endpoint.kind}</vscode-option
        >
        ${ctx.setup.endpoints.map(e => html`<vscode-option value=${e.id} ?selected=${selected === e.id} description=${e.id}>${TIER_LABEL[e.tier]} · ${e.kind}</vscode-option>`)}
      </vscode-single-select>
      <code class="endpoint-id" title="The fal endpoint this file is sent to">${doc.endpoint.id}</code>
    </div>
    <div class="cost" id="cost" aria-live="polite">
      ${
        cost
          ? html`<span class="cost-amount"
                >${cost.simulated ? `free (simulator) · ≈ $${cost.usd.toFixed(2)} on fal` : `≈ $${cost.usd.toFixed(2)}`}</span
              >
              <span class="muted">${cost.seconds} s × $${cost.perSecond.toFixed(3)}/s, audio ${cost.audio ? 'on' : 'off'}</span>
              <span class="muted cost-source" title=${cost.source}>(prices)</span>`
          : html`<span class="muted"
              >Cost: not known until the duration${ctx.kind === 'motion-control' ? ' (the reference video length)' : ''} is valid.</span
            >`
      }
    </div>
    ${circledTakeView(ctx)} ${store.notice ? html`<div class="notice" role="alert">${store.notice}</div>` : nothing}
  </header>`;
}
