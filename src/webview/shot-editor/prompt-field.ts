// A prompt textarea with a character counter against its limit, chips for the references it
// contains (@Element1, @Image1, @Video1), and autocompletion of the inputs that exist (type "@") following the ARIA combobox
// pattern: the textarea controls a listbox, the active option is its aria-activedescendant. Light
// DOM, so the page's stylesheet applies and the label's `for` reaches the textarea.
import { LitElement, html, nothing } from 'lit';
import * as l10n from '@vscode/l10n';

const REF = /@(Element|Image|Video)(\d+)/g;
/** The order suggestions and chips list the kinds in. */
const KINDS = ['Element', 'Image', 'Video'] as const;
const TOKEN = /@(\w*)$/;

export interface PromptInputDetail {
  value: string;
}

export class PromptField extends LitElement {
  static override properties = {
    value: { type: String },
    max: { type: Number },
    refs: { attribute: false },
    fieldId: { type: String },
    label: { type: String },
    disabled: { type: Boolean },
    placeholder: { type: String },
    open: { state: true },
    active: { state: true },
    suggestions: { state: true },
  };
  // `declare` + constructor defaults: with useDefineForClassFields, initialised class fields would
  // shadow Lit's reactive accessors and updates would not render.
  declare value: string;
  declare max: number;
  /** How many inputs of each kind exist (`{ Element: 2, Image: 1 }`); a kind not listed has none. */
  declare refs: Record<string, number>;
  declare fieldId: string;
  declare label: string;
  declare placeholder: string;
  declare disabled: boolean;
  declare private open: boolean;
  declare private active: number;
  declare private suggestions: string[];

  constructor() {
    super();
    this.value = '';
    this.max = 2500;
    this.refs = {};
    this.fieldId = '';
    this.label = '';
    this.placeholder = '';
    this.disabled = false;
    this.open = false;
    this.active = 0;
    this.suggestions = [];
  }

  protected override createRenderRoot() {
    return this;
  }

  private get area(): HTMLTextAreaElement | null {
    return this.querySelector('textarea');
  }

  protected override updated(): void {
    const area = this.area;
    // Only write when the model differs from what is on screen, keeping the caret where it was.
    if (area && area.value !== this.value) {
      const focused = document.activeElement === area;
      const { selectionStart, selectionEnd } = area;
      area.value = this.value;
      if (focused) {
        area.setSelectionRange(Math.min(selectionStart, area.value.length), Math.min(selectionEnd, area.value.length));
      }
    }
  }

  override focus(): void {
    this.area?.focus();
  }

  private emit(value: string): void {
    this.value = value;
    this.dispatchEvent(new CustomEvent<PromptInputDetail>('prompt-input', { detail: { value }, bubbles: true }));
  }

  private onInput(e: Event): void {
    const area = e.target as HTMLTextAreaElement;
    this.emit(area.value);
    this.suggest(area);
  }

  private suggest(area: HTMLTextAreaElement): void {
    const m = TOKEN.exec(area.value.slice(0, area.selectionStart));
    const all = KINDS.flatMap(k => Array.from({ length: this.refs[k] ?? 0 }, (_, i) => `@${k}${i + 1}`));
    if (!m || all.length === 0) {
      this.open = false;
      return;
    }
    const typed = m[0].toLowerCase();
    this.suggestions = all.filter(s => s.toLowerCase().startsWith(typed) && s.toLowerCase() !== typed);
    this.active = 0;
    this.open = this.suggestions.length > 0;
  }

  private accept(choice: string): void {
    const area = this.area;
    if (!area) {
      return;
    }
    const before = area.value.slice(0, area.selectionStart);
    const m = TOKEN.exec(before);
    if (!m) {
      return;
    }
    const start = before.length - m[0].length;
    const after = area.value.slice(area.selectionStart);
    const insert = choice + (after.startsWith(' ') ? '' : ' ');
    area.value = before.slice(0, start) + insert + after;
    const caret = start + insert.length;
    area.setSelectionRange(caret, caret);
    this.open = false;
    this.emit(area.value);
  }

  private onKeydown(e: KeyboardEvent): void {
    if (!this.open) {
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.suggestions.length) % this.suggestions.length;
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      this.accept(this.suggestions[this.active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.open = false;
    }
  }

  private selectRef(ref: string): void {
    const area = this.area;
    if (!area) {
      return;
    }
    const at = area.value.indexOf(ref);
    if (at >= 0) {
      area.focus();
      area.setSelectionRange(at, at + ref.length);
    }
  }

  protected override render() {
    const length = this.value.length;
    const found = new Map<string, { kind: string; n: number }>();
    for (const m of this.value.matchAll(REF)) {
      found.set(m[0], { kind: m[1]!, n: Number(m[2]) });
    }
    const refs = [...found.entries()].sort(
      ([, a], [, b]) => KINDS.indexOf(a.kind as (typeof KINDS)[number]) - KINDS.indexOf(b.kind as (typeof KINDS)[number]) || a.n - b.n,
    );
    const listId = `${this.fieldId}-suggestions`;
    return html` <div class="prompt-wrap">
        <textarea
          id=${this.fieldId}
          class="prompt"
          rows="4"
          spellcheck="true"
          .placeholder=${this.placeholder}
          ?disabled=${this.disabled}
          role="combobox"
          aria-label=${this.label}
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${listId}
          aria-activedescendant=${this.open ? `${listId}-${this.active}` : nothing}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @blur=${() => {
            this.open = false;
          }}
        ></textarea>
        ${
          // The listbox always exists (aria-controls names it); it is hidden while collapsed.
          html`<ul class="suggestions" role="listbox" id=${listId} aria-label=${l10n.t('References')} ?hidden=${!this.open}>
            ${(this.open ? this.suggestions : []).map(
              (m, i) =>
                html`<li
                  role="option"
                  id=${`${listId}-${i}`}
                  aria-selected=${i === this.active ? 'true' : 'false'}
                  class=${i === this.active ? 'active' : ''}
                  @mousedown=${(e: Event) => {
                    e.preventDefault();
                    this.accept(m);
                  }}
                >
                  ${m}
                </li>`,
            )}
          </ul>`
        }
      </div>
      <div class="prompt-meta">
        <span class="chips"
          >${refs.map(([text, { kind, n }]) => {
            const ok = n >= 1 && n <= (this.refs[kind] ?? 0);
            return html`<button
              type="button"
              class=${`chip ${ok ? 'ok' : 'bad'}`}
              data-ref=${text}
              title=${chipTitle(kind, n, ok)}
              @click=${() => this.selectRef(text)}
            >
              ${text}
            </button>`;
          })}</span
        >
        <span class=${`counter ${length > this.max ? 'over' : ''}`} aria-live="polite">${l10n.t('{0} / {1}', length, this.max)}</span>
      </div>`;
  }
}

/** What a chip says on hover: which input it names, or that there is none. */
function chipTitle(kind: string, n: number, ok: boolean): string {
  if (kind === 'Image') {
    return ok ? l10n.t('Refers to reference image {0}', n) : l10n.t('There is no reference image {0}', n);
  }
  if (kind === 'Video') {
    return ok ? l10n.t('Refers to input video {0}', n) : l10n.t('There is no input video {0}', n);
  }
  return ok ? l10n.t('Refers to element {0}', n) : l10n.t('There is no element {0}', n);
}

customElements.define('kling-prompt', PromptField);
