// What differs between the two takes' requests: the endpoint, the prompt word by word, the settings
// and the media, as tables; or that nothing does.
import { html, nothing, type TemplateResult } from 'lit';
import type { ToCompare } from '../../shared/compare-messages';
import * as l10n from '@vscode/l10n';

type Diff = ToCompare['diff'];

export function diffView(diff: Diff): TemplateResult {
  const same = !diff.endpoint && !diff.prompt && !diff.settings.length && !diff.media.length;
  return html`<h2>${l10n.t('What differs')}</h2>
    ${same ? html`<p>${l10n.t('The two requests are the same: the takes differ only by chance.')}</p>` : nothing}
    ${diff.endpoint ? table(l10n.t('Endpoint'), [{ key: 'endpoint', a: diff.endpoint.a, b: diff.endpoint.b }]) : nothing}
    ${diff.prompt ? promptDiff(diff.prompt) : nothing} ${diff.settings.length ? table(l10n.t('Settings'), diff.settings) : nothing}
    ${diff.media.length ? table(l10n.t('Media'), diff.media) : nothing}`;
}

function promptDiff(parts: NonNullable<Diff['prompt']>): TemplateResult {
  return html`<h3>${l10n.t('Prompt (words only in A are struck through, words only in B underlined)')}</h3>
    <p class="prompt">${parts.map(part)}</p>`;
}

function part(p: NonNullable<Diff['prompt']>[number]): TemplateResult {
  if (p.in === 'a') return html`<del aria-label=${l10n.t('only in A: {0}', p.text)}>${p.text}</del>`;
  if (p.in === 'b') return html`<ins aria-label=${l10n.t('only in B: {0}', p.text)}>${p.text}</ins>`;
  return html`<span>${p.text}</span>`;
}

function table(title: string, rows: readonly { key: string; a?: string; b?: string }[]): TemplateResult {
  return html`<table>
    <caption>
      ${title}
    </caption>
    <thead>
      <tr>
        ${[l10n.t('Setting'), 'A', 'B'].map(c => html`<th scope="col">${c}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        r =>
          html`<tr>
            <th scope="row">${r.key}</th>
            <td>${r.a ?? l10n.t('(not sent)')}</td>
            <td>${r.b ?? l10n.t('(not sent)')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
