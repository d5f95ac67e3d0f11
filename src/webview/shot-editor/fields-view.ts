// The request's settings, each with its default shown and "reset to default" (removes the key):
// the endpoint's form lists them (core's formLayout: duration, aspect ratio drawn as the frame,
// resolution, audio, shot type, cfg scale, negative prompt, orientation, and whatever else its
// schema has), each drawn by its type: a choice, a checkbox, a number or a text.
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldInfo } from '../../shared/messages';
import type { PromptInputDetail } from './prompt-field';
import { fieldId, formatDefault, inlineDiags, type ViewCtx } from './view-context';
import * as l10n from '@vscode/l10n';

/** Free text long enough for a prompt-sized box; shorter strings get a one-line field. */
const LONG_TEXT = 256;
const isLongText = (f: FieldInfo) => f.name.includes('prompt') || (f.maxLength ?? 0) >= LONG_TEXT;

export function fieldsSection(ctx: ViewCtx) {
  const rows = ctx.form.settings.map(k => ctx.field(k)).filter((f): f is FieldInfo => !!f);
  if (rows.length === 0) {
    return nothing;
  }
  return html`<section class="fields" aria-labelledby="settings-heading">
    <h2 id="settings-heading">${l10n.t('Settings')}</h2>
    <div class="field-grid">${rows.map(f => fieldRow(ctx, f))}</div>
  </section>`;
}

function fieldRow(ctx: ViewCtx, f: FieldInfo): TemplateResult {
  const path = [f.name];
  const id = fieldId(path);
  const present = ctx.store.has(path);
  const reset =
    present && f.default !== undefined
      ? html`<button
          type="button"
          class="link reset"
          id=${`${id}-reset`}
          ?disabled=${ctx.readOnly}
          @click=${() => ctx.store.remove(path)}
          title=${l10n.t('Reset to default: removes the key from the file')}
          aria-label=${l10n.t('Reset {0} to default', f.label)}
        >
          ${l10n.t('Reset')}
        </button>`
      : nothing;
  const hint =
    f.default !== undefined
      ? html`<span class=${`default ${present ? '' : 'in-effect'}`}
          >${present ? l10n.t('Default: {0}', formatDefault(f.default)) : l10n.t('Using default: {0}', formatDefault(f.default))}</span
        >`
      : f.required
        ? html`<span class="default">${l10n.t('Required')}</span>`
        : nothing;
  return html`<div class=${`field ${f.type === 'string' && !f.enum && isLongText(f) ? 'wide' : ''}`} data-field=${f.name}>
    <div class="field-top">
      <label class="field-label" for=${id} title=${f.description}>${f.label}</label>
      ${hint} ${reset}
    </div>
    ${control(ctx, f, id)}
    <p class="desc">${f.description}</p>
    ${inlineDiags(ctx, ctx.diags(path))}
  </div>`;
}

function control(ctx: ViewCtx, f: FieldInfo, id: string): TemplateResult {
  const path = [f.name];
  const raw = ctx.store.value(path);
  const value = raw ?? f.default;
  if (f.name === 'aspect_ratio' && f.enum) {
    return aspectRatios(ctx, f, id, value);
  }
  if (f.enum) {
    return html`<vscode-single-select
      id=${id}
      .value=${String(value ?? '')}
      ?disabled=${ctx.readOnly}
      .label=${f.label}
      @change=${(e: Event) => ctx.store.set(path, (e.target as HTMLSelectElement).value)}
    >
      ${raw === undefined && f.default === undefined ? html`<vscode-option value="" selected>${l10n.t('Choose…')}</vscode-option>` : nothing}
      ${f.enum.map(v => html`<vscode-option value=${v} ?selected=${v === value}>${f.name === 'duration' ? l10n.t('{0} s', v) : v}</vscode-option>`)}
    </vscode-single-select>`;
  }
  if (f.type === 'boolean') {
    return html`<vscode-checkbox
      id=${id}
      .checked=${value === true}
      ?disabled=${ctx.readOnly}
      @change=${(e: Event) => ctx.store.set(path, (e.target as HTMLInputElement).checked)}
      >${f.label}</vscode-checkbox
    >`;
  }
  if (f.type === 'number') {
    const onInput = (e: Event) => {
      const n = Number((e.target as HTMLInputElement).value);
      if ((e.target as HTMLInputElement).value.trim() !== '' && Number.isFinite(n) && (!f.integer || Number.isInteger(n))) {
        ctx.store.set(path, n);
      }
    };
    return html`<vscode-textfield
      id=${id}
      type="number"
      step=${f.integer ? '1' : '0.05'}
      min=${f.minimum ?? ''}
      max=${f.maximum ?? ''}
      .value=${typeof value === 'number' ? String(value) : ''}
      ?disabled=${ctx.readOnly}
      @input=${onInput}
      .label=${f.label}
    ></vscode-textfield>`;
  }
  if (!isLongText(f)) {
    return html`<vscode-textfield
      id=${id}
      .value=${typeof raw === 'string' ? raw : ''}
      placeholder=${typeof f.default === 'string' ? f.default : ''}
      maxlength=${f.maxLength ?? ''}
      ?disabled=${ctx.readOnly}
      @change=${(e: Event) => {
        const text = (e.target as HTMLInputElement).value;
        if (text === '' && !f.required) {
          ctx.store.remove(path);
        } else {
          ctx.store.set(path, text);
        }
      }}
      .label=${f.label}
    ></vscode-textfield>`;
  }
  // Long text (negative prompt): the prompt field without reference chips.
  return html`<kling-prompt
    .value=${typeof raw === 'string' ? raw : ''}
    .max=${f.maxLength ?? 2500}
    .refs=${{}}
    .fieldId=${id}
    .label=${f.label}
    .placeholder=${typeof f.default === 'string' ? f.default : ''}
    .disabled=${ctx.readOnly}
    @prompt-input=${(e: CustomEvent<PromptInputDetail>) => ctx.store.set(path, e.detail.value)}
  ></kling-prompt>`;
}

/** Aspect ratio as a radio group of frame shapes; ←/→ move between them like native radios. */
function aspectRatios(ctx: ViewCtx, f: FieldInfo, id: string, value: unknown): TemplateResult {
  const options = f.enum!;
  const pick = (v: string) => ctx.store.set([f.name], v);
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!step) {
      return;
    }
    e.preventDefault();
    const next = options[(i + step + options.length) % options.length]!;
    pick(next);
    const group = (e.currentTarget as HTMLElement).parentElement!;
    (group.querySelector(`[data-value="${next}"]`) as HTMLElement | null)?.focus();
  };
  return html`<div class="frames" role="radiogroup" id=${id} aria-label=${f.label}>
    ${options.map(
      (v, i) =>
        html`<button
          type="button"
          role="radio"
          class="frame-option"
          data-value=${v}
          aria-checked=${v === value ? 'true' : 'false'}
          tabindex=${v === value ? 0 : -1}
          ?disabled=${ctx.readOnly}
          @click=${() => pick(v)}
          @keydown=${(e: KeyboardEvent) => onKey(e, i)}
        >
          <span class=${`frame ar-${v.replace(':', '-')}`} aria-hidden="true"></span><span class="frame-label">${v}</span>
        </button>`,
    )}
  </div>`;
}
