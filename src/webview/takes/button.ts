// The takes panel's buttons: plain <button>s (Enter and Space come with them) that keep their
// data-focus key, so a re-render that replaces one can put focus back on its successor.
import { html, nothing, type TemplateResult } from 'lit';

export interface ButtonOptions {
  kind?: 'primary' | 'danger';
  /** The key focus is kept by across renders. */
  focus?: string;
  title?: string;
  disabled?: boolean;
  /** A toggle's state (aria-pressed). */
  pressed?: boolean;
}

export function button(label: string, onClick: () => void, o: ButtonOptions = {}): TemplateResult {
  const click = (e: Event) => {
    e.stopPropagation();
    onClick();
  };
  return html`<button
    type="button"
    class=${o.kind ?? nothing}
    data-focus=${o.focus ?? nothing}
    title=${o.title ?? nothing}
    aria-pressed=${o.pressed === undefined ? nothing : String(o.pressed)}
    ?disabled=${!!o.disabled}
    @click=${click}
  >
    ${label}
  </button>`;
}

/** A button with a focus key, for lists rendered with `repeat` (keyed by it). */
export interface KeyedButton {
  key: string;
  view: TemplateResult;
}

export function keyed(key: string, label: string, onClick: () => void, o: Omit<ButtonOptions, 'focus'> = {}): KeyedButton {
  return { key, view: button(label, onClick, { ...o, focus: key }) };
}
